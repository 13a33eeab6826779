import { STRUCTURAL_CRITERIA, type StructuralSpec } from '../../core/spec/schema';
import { useStore } from '../store';
import { CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';

const criterionLabels: Record<StructuralSpec['criterion'], string> = {
  l1: 'L1 norm of the unit’s weights',
  l2: 'L2 norm of the unit’s weights',
  'mean-activation': 'Mean activation',
  apoz: 'APoZ (share of zero activations)',
  taylor: 'First-order Taylor (activation × gradient)',
};

export function StructuralPanel() {
  const st = useStore((s) => s.spec.structural);
  const isCnn = useStore((s) => s.spec.model.kind === 'cnn');
  const hiddenCount = useStore((s) => s.spec.model.hidden.length);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const edit = (f: (p: StructuralSpec) => void) => editSpec((s) => s.structural && f(s.structural));
  return (
    <Panel title="Structural pruning">
      <CheckboxField
        label="Prune structurally (neurons or filters)"
        hint="Ranks hidden neurons (MLP) or conv filters (CNN), removes the lowest and rebuilds a genuinely smaller network (the next layer's inputs sliced), then fine-tunes. Parameters, FLOPs and measured latency before and after."
        checked={st !== undefined}
        disabled={running}
        onChange={(on) =>
          editSpec((s) => {
            if (on) s.structural = { action: 'units', layer: 1, criterion: 'l1', mode: 'layer', ratio: 0.5, steps: 1, finetuneEpochs: 30 };
            else delete s.structural;
          })
        }
      />
      {isCnn && st && <p className="hint">CNN: conv filters ranked by the L1 or L2 norm of their weights (Li et al. 2017), the same fraction removed in every conv layer; dense layers kept.</p>}
      {st && !isCnn && (
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
      {st && st.action === 'layer' && !isCnn && (
        <div className="row">
          <NumberField label="Hidden layer to drop" integer min={1} max={Math.max(1, hiddenCount)} value={st.layer} disabled={running} onChange={(v) => edit((p) => (p.layer = v))} />
          <NumberField label="Retrain epochs" integer min={0} max={5000} value={st.finetuneEpochs} disabled={running} onChange={(v) => edit((p) => (p.finetuneEpochs = v))} />
        </div>
      )}
      {st && (st.action === 'units' || isCnn) && (
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
            <NumberField label="Units to remove (%)" min={0} max={95} step={5} value={+(st.ratio * 100).toFixed(1)} disabled={running} onChange={(v) => edit((p) => (p.ratio = v / 100))} />
          </div>
          <div className="row">
            {!isCnn && <NumberField label="Pruning steps" integer min={1} max={10} value={st.steps} disabled={running} onChange={(v) => edit((p) => (p.steps = v))} hint="1: one-shot; k: iterative, rescoring each time." />}
            <NumberField label="Fine-tune epochs per step" integer min={0} max={5000} value={st.finetuneEpochs} disabled={running} onChange={(v) => edit((p) => (p.finetuneEpochs = v))} />
          </div>
        </>
      )}
    </Panel>
  );
}
