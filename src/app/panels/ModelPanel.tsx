import { countText } from '../../core/format';
import { learningTaskOf } from '../../core/spec/schema';
import { isImageDataset } from '../../core/spec/edit';
import { ACTIVATIONS, hiddenOf, defaultCnn, defaultDenseLayer, defaultRnn, POOLS, RNN_CELLS, type ConvLayerSpec, type DenseLayerSpec, type ModelSpec } from '../../core/spec/schema';
import { BOUNDS } from '../bounds';
import { SECTION_PATHS } from '../../core/link/codec';
import { useStore } from '../store';
import { Advanced, NumberField, Panel, SelectField } from '../ui/fields';

const activationOptions = ACTIVATIONS.map((a) => ({ value: a, label: a }));
const MAX_LAYERS = 16;
const MAX_CONV = 6;

/** Presets (defaults live in the core): an MLP for feature columns; for 8×8 images the CNN preset. */
function preset(kind: Exclude<ModelSpec['kind'], 'imported'>, from: ModelSpec): ModelSpec {
  if (kind === 'mlp') return { kind: 'mlp', hidden: hiddenOf(from).length ? hiddenOf(from) : [defaultDenseLayer()], l1: from.l1, l2: from.l2 };
  if (kind === 'rnn') return defaultRnn(from);
  return defaultCnn(from);
}

const cellLabels: Record<(typeof RNN_CELLS)[number], string> = { simple: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

/** The recurrent layer: its cell and hidden units (the image's rows are its steps). */
function RecurrentLayer() {
  const model = useStore((s) => s.spec.model);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  if (model.kind !== 'rnn') return null;
  return (
    <>
      <p className="hint">Reads each image row by row (Digits: 8 steps of 8 pixels, as sequential MNIST); its last hidden state feeds the dense layers below. Keras' cells and initialisers.</p>
      <div className="row">
        <SelectField label="Cell" value={model.cell} options={RNN_CELLS.map((c) => ({ value: c, label: cellLabels[c] }))} disabled={running} onChange={(v) => editSpec((s) => s.model.kind === 'rnn' && (s.model.cell = v))} />
        <NumberField label="Recurrent units" bounds={BOUNDS.rnnUnits} value={model.units} disabled={running} onChange={(v) => editSpec((s) => s.model.kind === 'rnn' && (s.model.units = v))} />
      </div>
    </>
  );
}

/** The user's own model as the experiment trains it: what it is, and how it is trained here. */
function ImportedModelNote() {
  const model = useStore((s) => s.spec.model);
  const held = useStore((s) => s.imported.sha256);
  if (model.kind !== 'imported') return null;
  return (
    <div className="imported-note" data-testid="imported-model-note">
      <p>
        <strong>{model.name}</strong>: input {model.inputShape.join('×')}, output {model.outputShape.join('×')} ({model.outputActivation}), {countText(model.params)} parameters, {model.layers.length} prunable kernel{model.layers.length === 1 ? '' : 's'}.
      </p>
      <p className="hint">
        Each fold starts from the file’s weights and trains with the Training settings. While it trains, its dropout is off (TF.js draws dropout masks without a seed) and a softmax output gives its logits to the loss; batch normalisation trains. Exports keep the model as stored.
      </p>
      {held !== model.sha256 && (
        <p role="alert" className="error">
          This experiment names the model “{model.name}”: open its files (model.json and weights) in “Import a TF.js model” to run it.
        </p>
      )}
    </div>
  );
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
            <NumberField label={`Filters (conv ${i + 1})`} bounds={BOUNDS.filters} value={c.filters} disabled={running} onChange={(v) => editConv(i, { filters: v })} />
            <NumberField label={`Kernel size (conv ${i + 1})`} bounds={BOUNDS.kernelSize} value={c.kernelSize} disabled={running} onChange={(v) => editConv(i, { kernelSize: v })} />
            <SelectField label={`Activation (conv ${i + 1})`} value={c.activation} options={activationOptions} disabled={running} onChange={(v) => editConv(i, { activation: v })} />
            <SelectField label={`Pooling (conv ${i + 1})`} value={c.pool} options={POOLS.map((p) => ({ value: p, label: poolLabels[p] }))} disabled={running} onChange={(v) => editConv(i, { pool: v })} />
            <button type="button" disabled={running || model.conv.length <= 1} onClick={() => editSpec((s) => s.model.kind === 'cnn' && s.model.conv.splice(i, 1))} aria-label={`Remove conv ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" disabled={running || model.conv.length >= MAX_CONV} onClick={() => editSpec((s) => s.model.kind === 'cnn' && s.model.conv.push({ filters: 32, kernelSize: 3, activation: 'relu', pool: 'none' }))}>
        Add conv layer
      </button>
    </>
  );
}

const OUTPUT_TEXT = {
  classification: 'softmax output',
  regression: 'one linear output (the target)',
  reconstruction: 'a linear output as wide as the input; the narrowest hidden layer is the code',
} as const;

export function ModelPanel() {
  const model = useStore((s) => s.spec.model);
  const spec = useStore((s) => s.spec);
  const image = useStore((s) => isImageDataset(s.spec.dataset));
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const opened = useStore((s) => s.imported.summary);
  const takeImported = useStore((s) => s.useImportedModel);
  const editLayer = (i: number, patch: Partial<DenseLayerSpec>) =>
    editSpec((s) => {
      const l = hiddenOf(s.model)[i];
      if (l) Object.assign(l, patch);
    });
  const hidden = hiddenOf(model);
  return (
    <Panel title="Model" lockPaths={SECTION_PATHS.model}>
      <SelectField
        label="Architecture"
        value={model.kind}
        options={[
          { value: 'mlp', label: 'MLP (dense layers)' },
          ...(image || model.kind === 'cnn' ? [{ value: 'cnn' as const, label: 'CNN (image data)' }] : []),
          ...(image || model.kind === 'rnn' ? [{ value: 'rnn' as const, label: 'RNN (rows as a sequence: SimpleRNN, LSTM, GRU)' }] : []),
          ...(model.kind === 'imported' || opened ? [{ value: 'imported' as const, label: `Your model: ${model.kind === 'imported' ? model.name : (opened?.name ?? '')}` }] : []),
        ]}
        disabled={running}
        onChange={(k) =>
          k === 'imported' ? void takeImported() : editSpec((s) => {
            s.model = preset(k, s.model);
            // CNN filters are ranked by weight norms only.
            if (k === 'cnn' && s.task.kind === 'structural') {
              s.task.action = 'units';
              if (s.task.criterion !== 'l1' && s.task.criterion !== 'l2') s.task.criterion = 'l1';
            }
          })
        }
        {...(image ? {} : { hint: 'CNNs and RNNs need image data, e.g. Digits.' })}
      />
      <ConvLayers />
      <RecurrentLayer />
      <ImportedModelNote />
      {model.kind !== 'imported' && <p className="hint">Dense hidden layers, Glorot-uniform init from the seed, {OUTPUT_TEXT[learningTaskOf(spec)]}.</p>}
      <ol className="layers">
        {hidden.map((l, i) => (
          <li key={i} className="row">
            <NumberField label={`Units (layer ${i + 1})`} bounds={BOUNDS.units} value={l.units} disabled={running} onChange={(v) => editLayer(i, { units: v })} />
            <SelectField label={`Activation (layer ${i + 1})`} value={l.activation} options={activationOptions} disabled={running} onChange={(v) => editLayer(i, { activation: v })} />
            <NumberField label={`Dropout (layer ${i + 1})`} bounds={BOUNDS.dropout} step={0.05} value={l.dropout} disabled={running} onChange={(v) => editLayer(i, { dropout: v })} />
            <button type="button" disabled={running} onClick={() => editSpec((s) => hiddenOf(s.model).splice(i, 1))} aria-label={`Remove layer ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      {model.kind !== 'imported' && (
        <button type="button" disabled={running || hidden.length >= MAX_LAYERS} onClick={() => editSpec((s) => hiddenOf(s.model).push(defaultDenseLayer(hiddenOf(s.model).at(-1)?.units)))}>
          Add layer
        </button>
      )}
      <Advanced>
      <div className="row">
        <NumberField label="L1" bounds={BOUNDS.l1} step={0.0001} value={model.l1} disabled={running} onChange={(v) => editSpec((s) => (s.model.l1 = v))} hint="Keras: adds l1·Σ|w| over kernels." />
        <NumberField label="L2" bounds={BOUNDS.l2} step={0.0001} value={model.l2} disabled={running} onChange={(v) => editSpec((s) => (s.model.l2 = v))} hint="Keras: adds l2·Σw² over kernels." />
      </div>
      </Advanced>
    </Panel>
  );
}
