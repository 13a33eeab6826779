import { PRUNE_METHOD_IDS, PRUNE_METHODS } from '../../core/prune/registry';
import { defaultPruning, PRUNE_SCHEDULES, type PruningSpec } from '../../core/spec/schema';
import { useStore } from '../store';
import { CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';
import { PercentListField } from '../ui/PercentListField';

const scheduleLabels: Record<PruningSpec['schedule'], string> = {
  oneshot: 'One-shot, then fine-tune',
  agp: 'Gradual (AGP, Zhu & Gupta; tfmot PolynomialDecay)',
  imp: 'Iterative with rewinding (lottery ticket)',
};

export function PruningPanel() {
  const pruning = useStore((s) => s.spec.pruning);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const edit = (f: (p: PruningSpec) => void) => editSpec((s) => s.pruning && f(s.pruning));
  return (
    <Panel title="Parameter pruning">
      <CheckboxField
        label="Pruning sweep"
        hint="Methods × target sparsities on the same CV folds as the dense baseline (ShrinkBench-style curves)."
        checked={pruning !== undefined}
        disabled={running}
        onChange={(on) =>
          editSpec((s) => {
            if (on) s.pruning = defaultPruning();
            else delete s.pruning;
          })
        }
      />
      {pruning && (
        <>
          <fieldset className="methods" disabled={running}>
            <legend>Methods</legend>
            {PRUNE_METHOD_IDS.filter((id) => id !== 'layer-targets' || pruning.layerTargets).map((id) => (
              <CheckboxField
                key={id}
                label={PRUNE_METHODS[id].label}
                hint={PRUNE_METHODS[id].description}
                checked={pruning.methods.includes(id)}
                onChange={(on) => edit((p) => (p.methods = on ? PRUNE_METHOD_IDS.filter((m) => m === id || p.methods.includes(m)) : p.methods.filter((m) => m !== id)))}
              />
            ))}
          </fieldset>
          {pruning.methods.length === 0 && <p className="invalid">Choose at least one method.</p>}
          <PercentListField label="Target sparsities (%)" value={pruning.sparsities} disabled={running} onChange={(v) => edit((p) => (p.sparsities = v))} />
          <SelectField label="Schedule" value={pruning.schedule} options={PRUNE_SCHEDULES.map((k) => ({ value: k, label: scheduleLabels[k] }))} disabled={running} onChange={(v) => edit((p) => (p.schedule = v))} />
          <div className="row">
            <NumberField
              label={pruning.schedule === 'imp' ? 'Epochs per round' : 'Fine-tune epochs'}
              integer
              min={0}
              max={5000}
              value={pruning.finetuneEpochs}
              disabled={running}
              onChange={(v) => edit((p) => (p.finetuneEpochs = v))}
              hint={pruning.schedule === 'imp' ? '0: the training epochs.' : pruning.schedule === 'agp' ? 'Sparsity ramps up over the first ¾, then recovers.' : 'Masks are held through fine-tuning.'}
            />
            {pruning.schedule === 'imp' && (
              <>
                <NumberField label="Rounds" integer min={1} max={20} value={pruning.impRounds} disabled={running} onChange={(v) => edit((p) => (p.impRounds = v))} />
                <NumberField label="Rewind to epoch" integer min={0} max={5000} value={pruning.rewindEpoch} disabled={running} onChange={(v) => edit((p) => (p.rewindEpoch = v))} hint="0: initial weights." />
              </>
            )}
          </div>
          {pruning.schedule === 'imp' && (
            <CheckboxField label="Random re-init control" checked={pruning.randomReinit} disabled={running} onChange={(v) => edit((p) => (p.randomReinit = v))} hint="Also train each final mask from a fresh random initialisation." />
          )}
          <div className="row">
            <SelectField
              label="Tie-breaking"
              value={pruning.semantics.ties}
              options={[
                { value: 'exact-k', label: 'Exact k (torch.nn.utils.prune)' },
                { value: 'keep-ties', label: 'Keep ties (tfmot)' },
              ]}
              disabled={running}
              onChange={(v) => edit((p) => (p.semantics.ties = v))}
            />
            <SelectField
              label="Round amount"
              value={pruning.semantics.amountOf}
              options={[
                { value: 'remaining', label: 'Of remaining weights (torch)' },
                { value: 'total', label: 'Of all weights (tfmot)' },
              ]}
              disabled={running}
              onChange={(v) => edit((p) => (p.semantics.amountOf = v))}
            />
          </div>
          {pruning.methods.includes('nm') && (
            <div className="row">
              <NumberField label="N (kept)" integer min={1} max={31} value={pruning.nm.n} disabled={running} onChange={(v) => edit((p) => (p.nm.n = v))} />
              <NumberField label="M (group)" integer min={2} max={32} value={pruning.nm.m} disabled={running} onChange={(v) => edit((p) => (p.nm.m = v))} />
            </div>
          )}
          <CheckboxField label="Prune biases" checked={pruning.scope.biases} disabled={running} onChange={(v) => edit((p) => (p.scope.biases = v))} />
          <CheckboxField label="Prune output layer" checked={pruning.scope.outputLayer} disabled={running} onChange={(v) => edit((p) => (p.scope.outputLayer = v))} />
        </>
      )}
    </Panel>
  );
}
