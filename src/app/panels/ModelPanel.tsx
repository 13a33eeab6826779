import { ACTIVATIONS, type DenseLayerSpec } from '../../core/spec/schema';
import { useStore } from '../store';
import { NumberField, Panel, SelectField } from '../ui/fields';

const activationOptions = ACTIVATIONS.map((a) => ({ value: a, label: a }));
const MAX_LAYERS = 16;

export function ModelPanel() {
  const model = useStore((s) => s.spec.model);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const editLayer = (i: number, patch: Partial<DenseLayerSpec>) =>
    editSpec((s) => {
      const l = s.model.hidden[i];
      if (l) Object.assign(l, patch);
    });
  return (
    <Panel title="Model (MLP)">
      <p className="hint">Dense hidden layers, Glorot-uniform init from the seed, softmax output.</p>
      <ol className="layers">
        {model.hidden.map((l, i) => (
          <li key={i} className="row">
            <NumberField label={`Units (layer ${i + 1})`} integer min={1} max={4096} value={l.units} disabled={running} onChange={(v) => editLayer(i, { units: v })} />
            <SelectField label={`Activation (layer ${i + 1})`} value={l.activation} options={activationOptions} disabled={running} onChange={(v) => editLayer(i, { activation: v })} />
            <NumberField label={`Dropout (layer ${i + 1})`} min={0} max={0.9} step={0.05} value={l.dropout} disabled={running} onChange={(v) => editLayer(i, { dropout: v })} />
            <button type="button" disabled={running} onClick={() => editSpec((s) => s.model.hidden.splice(i, 1))} aria-label={`Remove layer ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        disabled={running || model.hidden.length >= MAX_LAYERS}
        onClick={() => editSpec((s) => s.model.hidden.push({ units: s.model.hidden.at(-1)?.units ?? 32, activation: 'relu', dropout: 0 }))}
      >
        Add layer
      </button>
      <div className="row">
        <NumberField label="L1" min={0} max={1} step={0.0001} value={model.l1} disabled={running} onChange={(v) => editSpec((s) => (s.model.l1 = v))} hint="Keras: adds l1·Σ|w| over kernels." />
        <NumberField label="L2" min={0} max={1} step={0.0001} value={model.l2} disabled={running} onChange={(v) => editSpec((s) => (s.model.l2 = v))} hint="Keras: adds l2·Σw² over kernels." />
      </div>
    </Panel>
  );
}
