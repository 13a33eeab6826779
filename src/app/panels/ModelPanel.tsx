import { ACTIVATIONS, POOLS, type ConvLayerSpec, type DenseLayerSpec, type ModelSpec } from '../../core/spec/schema';
import { isImageDataset } from './DatasetPanel';
import { useStore } from '../store';
import { NumberField, Panel, SelectField } from '../ui/fields';

const activationOptions = ACTIVATIONS.map((a) => ({ value: a, label: a }));
const MAX_LAYERS = 16;

/** Presets: an MLP for feature columns; for 8×8 images two conv blocks (16, 32 filters) and a dense layer. */
function preset(kind: ModelSpec['kind'], from: ModelSpec): ModelSpec {
  const { l1, l2 } = from;
  if (kind === 'mlp') return { kind: 'mlp', hidden: from.hidden.length ? from.hidden : [{ units: 32, activation: 'relu', dropout: 0 }], l1, l2 };
  return {
    kind: 'cnn',
    conv: [
      { filters: 16, kernelSize: 3, activation: 'relu', pool: 'max' },
      { filters: 32, kernelSize: 3, activation: 'relu', pool: 'max' },
    ],
    hidden: [{ units: 64, activation: 'relu', dropout: 0 }],
    l1,
    l2,
  };
}

const poolLabels: Record<ConvLayerSpec['pool'], string> = { max: 'max 2×2', avg: 'average 2×2', none: 'none' };

function ConvLayers() {
  const model = useStore((s) => s.spec.model);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  if (model.kind !== 'cnn') return null;
  const editConv = (i: number, patch: Partial<ConvLayerSpec>) =>
    editSpec((s) => {
      const c = s.model.kind === 'cnn' ? s.model.conv[i] : undefined;
      if (c) Object.assign(c, patch);
    });
  return (
    <>
      <p className="hint">Convolutions ('same' padding, stride 1), each followed by its pooling; then the dense layers below.</p>
      <ol className="layers">
        {model.conv.map((c, i) => (
          <li key={i} className="row">
            <NumberField label={`Filters (conv ${i + 1})`} integer min={1} max={256} value={c.filters} disabled={running} onChange={(v) => editConv(i, { filters: v })} />
            <NumberField label={`Kernel size (conv ${i + 1})`} integer min={1} max={7} value={c.kernelSize} disabled={running} onChange={(v) => editConv(i, { kernelSize: v })} />
            <SelectField label={`Activation (conv ${i + 1})`} value={c.activation} options={activationOptions} disabled={running} onChange={(v) => editConv(i, { activation: v })} />
            <SelectField label={`Pooling (conv ${i + 1})`} value={c.pool} options={POOLS.map((p) => ({ value: p, label: poolLabels[p] }))} disabled={running} onChange={(v) => editConv(i, { pool: v })} />
            <button type="button" disabled={running || model.conv.length <= 1} onClick={() => editSpec((s) => s.model.kind === 'cnn' && s.model.conv.splice(i, 1))} aria-label={`Remove conv ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" disabled={running || model.conv.length >= 6} onClick={() => editSpec((s) => s.model.kind === 'cnn' && s.model.conv.push({ filters: 32, kernelSize: 3, activation: 'relu', pool: 'none' }))}>
        Add conv layer
      </button>
    </>
  );
}

export function ModelPanel() {
  const model = useStore((s) => s.spec.model);
  const image = useStore((s) => isImageDataset(s.spec.dataset));
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const editLayer = (i: number, patch: Partial<DenseLayerSpec>) =>
    editSpec((s) => {
      const l = s.model.hidden[i];
      if (l) Object.assign(l, patch);
    });
  return (
    <Panel title="Model">
      <SelectField
        label="Architecture"
        value={model.kind}
        options={[
          { value: 'mlp', label: 'MLP (dense layers)' },
          ...(image || model.kind === 'cnn' ? [{ value: 'cnn' as const, label: 'CNN (image data)' }] : []),
        ]}
        disabled={running}
        onChange={(k) =>
          editSpec((s) => {
            s.model = preset(k, s.model);
            // CNN filters are ranked by weight norms only.
            if (k === 'cnn' && s.structural) {
              s.structural.action = 'units';
              if (s.structural.criterion !== 'l1' && s.structural.criterion !== 'l2') s.structural.criterion = 'l1';
            }
          })
        }
        {...(image ? {} : { hint: 'CNNs need image data, e.g. Digits.' })}
      />
      <ConvLayers />
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
