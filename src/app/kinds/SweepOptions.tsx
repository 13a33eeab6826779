import { PRUNE_SCHEDULES, type SweepTask } from '../../core/kinds/sweep';
import { PRUNE_METHOD_IDS, PRUNE_METHODS } from '../../core/prune/registry';
import { BOUNDS } from '../bounds';
import { useTask } from './useTask';
import { CheckboxField, NumberField, SelectField } from '../ui/fields';
import { PercentListField } from '../ui/PercentListField';

const scheduleLabels: Record<SweepTask['schedule'], string> = {
  oneshot: 'One-shot, then fine-tune',
  agp: 'Gradual (AGP, Zhu & Gupta; tfmot PolynomialDecay)',
  imp: 'Iterative with rewinding (lottery ticket)',
};

/** The pruning sweep's settings: methods, target sparsities, schedule, semantics and scope. */
export function SweepOptions() {
  const { task, edit, running } = useTask('sweep');
  if (!task) return null;
  return (
    <>
      <fieldset className="methods" disabled={running}>
        <legend>Methods</legend>
        {PRUNE_METHOD_IDS.filter((id) => id !== 'layer-targets' || task.layerTargets).map((id) => (
          <CheckboxField
            key={id}
            label={PRUNE_METHODS[id].label}
            hint={PRUNE_METHODS[id].description}
            checked={task.methods.includes(id)}
            onChange={(on) => edit((p) => (p.methods = on ? PRUNE_METHOD_IDS.filter((m) => m === id || p.methods.includes(m)) : p.methods.filter((m) => m !== id)))}
          />
        ))}
      </fieldset>
      {task.methods.length === 0 && <p className="invalid">Choose at least one method.</p>}
      <PercentListField label="Target sparsities (%)" value={task.sparsities} bounds={BOUNDS.sweep.sparsities} disabled={running} onChange={(v) => edit((p) => (p.sparsities = v))} />
      <SelectField label="Schedule" value={task.schedule} options={PRUNE_SCHEDULES.map((k) => ({ value: k, label: scheduleLabels[k] }))} disabled={running} onChange={(v) => edit((p) => (p.schedule = v))} />
      <div className="row">
        <NumberField
          label={task.schedule === 'imp' ? 'Epochs per round' : 'Fine-tune epochs'}
          bounds={BOUNDS.sweep.finetuneEpochs}
          value={task.finetuneEpochs}
          disabled={running}
          onChange={(v) => edit((p) => (p.finetuneEpochs = v))}
          hint={task.schedule === 'imp' ? '0: the training epochs.' : task.schedule === 'agp' ? 'Sparsity ramps up over the first ¾, then recovers.' : 'Masks are held through fine-tuning.'}
        />
        {task.schedule === 'imp' && (
          <>
            <NumberField label="Rounds" bounds={BOUNDS.sweep.impRounds} value={task.impRounds} disabled={running} onChange={(v) => edit((p) => (p.impRounds = v))} />
            <NumberField label="Rewind to epoch" bounds={BOUNDS.sweep.rewindEpoch} value={task.rewindEpoch} disabled={running} onChange={(v) => edit((p) => (p.rewindEpoch = v))} hint="0: initial weights." />
          </>
        )}
      </div>
      {task.schedule === 'imp' && (
        <CheckboxField label="Random re-init control" checked={task.randomReinit} disabled={running} onChange={(v) => edit((p) => (p.randomReinit = v))} hint="Also train each final mask from a fresh random initialisation." />
      )}
      <div className="row">
        <SelectField
          label="Tie-breaking"
          value={task.semantics.ties}
          options={[
            { value: 'exact-k', label: 'Exact k (torch.nn.utils.prune)' },
            { value: 'keep-ties', label: 'Keep ties (tfmot)' },
          ]}
          disabled={running}
          onChange={(v) => edit((p) => (p.semantics.ties = v))}
        />
        <SelectField
          label="Round amount"
          value={task.semantics.amountOf}
          options={[
            { value: 'remaining', label: 'Of remaining weights (torch)' },
            { value: 'total', label: 'Of all weights (tfmot)' },
          ]}
          disabled={running}
          onChange={(v) => edit((p) => (p.semantics.amountOf = v))}
        />
      </div>
      {task.methods.includes('nm') && (
        <div className="row">
          <NumberField label="N (kept)" bounds={BOUNDS.sweep.n} value={task.nm.n} disabled={running} onChange={(v) => edit((p) => (p.nm.n = v))} />
          <NumberField label="M (group)" bounds={BOUNDS.sweep.m} value={task.nm.m} disabled={running} onChange={(v) => edit((p) => (p.nm.m = v))} />
        </div>
      )}
      <CheckboxField label="Prune biases" checked={task.scope.biases} disabled={running} onChange={(v) => edit((p) => (p.scope.biases = v))} />
      <CheckboxField label="Prune output layer" checked={task.scope.outputLayer} disabled={running} onChange={(v) => edit((p) => (p.scope.outputLayer = v))} />
    </>
  );
}
