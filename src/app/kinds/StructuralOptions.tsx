import { hiddenOf } from '../../core/spec/sections';
import { STRUCTURAL_CRITERIA, type StructuralTask } from '../../core/kinds/structural';
import { BOUNDS } from '../bounds';
import { useStore } from '../store';
import { useTask } from './useTask';
import { NumberField, SelectField } from '../ui/fields';

const criterionLabels: Record<StructuralTask['criterion'], string> = {
  l1: 'L1 norm of the unit’s weights',
  l2: 'L2 norm of the unit’s weights',
  'mean-activation': 'Mean activation',
  apoz: 'APoZ (share of zero activations)',
  taylor: 'First-order Taylor (activation × gradient)',
};

/** Structural pruning: neurons (MLP) or filters (CNN) ranked and removed, or a whole hidden layer dropped. */
export function StructuralOptions() {
  const { task: st, edit, running } = useTask('structural');
  const isCnn = useStore((s) => s.spec.model.kind === 'cnn');
  const hiddenCount = useStore((s) => hiddenOf(s.spec.model).length);
  if (!st) return null;
  return (
    <>
      {isCnn && <p className="hint">CNN: conv filters ranked by the L1 or L2 norm of their weights (Li et al. 2017), the same fraction removed in every conv layer; dense layers kept.</p>}
      {!isCnn && (
        <SelectField
          label="Remove"
          value={st.action}
          options={[
            { value: 'units', label: 'Neurons (ranked)' },
            { value: 'layer', label: 'A whole hidden layer, then retrain' },
          ]}
          disabled={running}
          onChange={(v) => edit((p) => (p.action = v))}
        />
      )}
      {st.action === 'layer' && !isCnn && (
        <div className="row">
          <NumberField label="Hidden layer to drop" bounds={{ ...BOUNDS.structural.layer, max: Math.max(1, Math.min(BOUNDS.structural.layer.max ?? hiddenCount, hiddenCount)) }} value={st.layer} disabled={running} onChange={(v) => edit((p) => (p.layer = v))} />
          <NumberField label="Retrain epochs" bounds={BOUNDS.structural.finetuneEpochs} value={st.finetuneEpochs} disabled={running} onChange={(v) => edit((p) => (p.finetuneEpochs = v))} />
        </div>
      )}
      {(st.action === 'units' || isCnn) && (
        <>
          <SelectField
            label="Criterion"
            value={st.criterion}
            options={STRUCTURAL_CRITERIA.filter((c) => !isCnn || c === 'l1' || c === 'l2').map((c) => ({ value: c, label: criterionLabels[c] }))}
            disabled={running}
            onChange={(v) => edit((p) => (p.criterion = v))}
          />
          <div className="row">
            {!isCnn && (
              <SelectField
                label="Ranking"
                value={st.mode}
                options={[
                  { value: 'layer', label: 'Per layer (same ratio)' },
                  { value: 'global', label: 'Global (scores normalised per layer)' },
                ]}
                disabled={running}
                onChange={(v) => edit((p) => (p.mode = v))}
              />
            )}
            <NumberField label="Units to remove (%)" bounds={BOUNDS.structural.ratio} scale={100} step={5} value={st.ratio} disabled={running} onChange={(v) => edit((p) => (p.ratio = v))} />
          </div>
          <div className="row">
            {!isCnn && <NumberField label="Pruning steps" bounds={BOUNDS.structural.steps} value={st.steps} disabled={running} onChange={(v) => edit((p) => (p.steps = v))} hint="1: one-shot; k: iterative, rescoring each time." />}
            <NumberField label="Fine-tune epochs per step" bounds={BOUNDS.structural.finetuneEpochs} value={st.finetuneEpochs} disabled={running} onChange={(v) => edit((p) => (p.finetuneEpochs = v))} />
          </div>
        </>
      )}
    </>
  );
}
