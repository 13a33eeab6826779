import { OPTIMIZERS, type OptimizerName } from '../../core/spec/schema';
import { BOUNDS } from '../bounds';
import { SECTION_PATHS } from '../../core/link/codec';
import { useStore } from '../store';
import { CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';

const optimizerLabels: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  adam: 'Adam',
  rmsprop: 'RMSprop',
};

export function TrainingPanel() {
  const t = useStore((s) => s.spec.training);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  return (
    <Panel title="Training" lockPaths={SECTION_PATHS.training}>
      <div className="row">
        <SelectField label="Optimizer" path="training.optimizer" value={t.optimizer} options={OPTIMIZERS.map((o) => ({ value: o, label: optimizerLabels[o] }))} disabled={running} onChange={(v) => editSpec((s) => (s.training.optimizer = v))} />
        <NumberField label="Learning rate" path="training.learningRate" bounds={BOUNDS.learningRate} step={0.0001} value={t.learningRate} disabled={running} onChange={(v) => editSpec((s) => (s.training.learningRate = v))} />
        {t.optimizer === 'momentum' && (
          <NumberField label="Momentum" bounds={BOUNDS.momentum} step={0.05} value={t.momentum} disabled={running} onChange={(v) => editSpec((s) => (s.training.momentum = v))} />
        )}
      </div>
      <div className="row">
        <NumberField label="Batch size" path="training.batchSize" bounds={BOUNDS.batchSize} value={t.batchSize} disabled={running} onChange={(v) => editSpec((s) => (s.training.batchSize = v))} />
        <NumberField label="Epochs" path="training.epochs" bounds={BOUNDS.epochs} value={t.epochs} disabled={running} onChange={(v) => editSpec((s) => (s.training.epochs = v))} />
      </div>
      <CheckboxField
        label="Early stopping"
        hint="scikit-learn's rule: stop when the training loss has not improved by the minimum delta for more than `patience` epochs."
        checked={t.earlyStopping.enabled}
        disabled={running}
        onChange={(v) => editSpec((s) => (s.training.earlyStopping.enabled = v))}
      />
      {t.earlyStopping.enabled && (
        <div className="row">
          <NumberField label="Patience" bounds={BOUNDS.patience} value={t.earlyStopping.patience} disabled={running} onChange={(v) => editSpec((s) => (s.training.earlyStopping.patience = v))} />
          <NumberField label="Minimum delta" bounds={BOUNDS.minDelta} step={0.0001} value={t.earlyStopping.minDelta} disabled={running} onChange={(v) => editSpec((s) => (s.training.earlyStopping.minDelta = v))} />
        </div>
      )}
    </Panel>
  );
}
