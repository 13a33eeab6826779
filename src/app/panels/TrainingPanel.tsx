import { defaultSchedule, LR_SCHEDULES, OPTIMIZERS, type LrSchedule, type OptimizerName } from '../../core/spec/schema';
import { BOUNDS } from '../bounds';
import { SECTION_PATHS } from '../../core/link/codec';
import { useStore } from '../store';
import { Advanced, CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';

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
      {t.optimizer === 'momentum' && (
        <CheckboxField label="Nesterov momentum" checked={t.nesterov ?? false} disabled={running} onChange={(v) => editSpec((s) => (v ? (s.training.nesterov = true) : delete s.training.nesterov))} hint="Looks ahead along the momentum before taking the gradient (tf.train.momentum useNesterov)." />
      )}
      <Advanced>
        <Schedule />
      </Advanced>
      <div className="row">
        <NumberField label="Batch size" path="training.batchSize" bounds={BOUNDS.batchSize} value={t.batchSize} disabled={running} onChange={(v) => editSpec((s) => (s.training.batchSize = v))} />
        <NumberField label="Epochs" path="training.epochs" bounds={BOUNDS.epochs} value={t.epochs} disabled={running} onChange={(v) => editSpec((s) => (s.training.epochs = v))} />
      </div>
      <Advanced>
      <CheckboxField
        label="Early stopping"
        hint="scikit-learn's rule: stop when the watched number has not improved by the minimum delta for more than `patience` epochs."
        checked={t.earlyStopping.enabled}
        disabled={running}
        onChange={(v) => editSpec((s) => (s.training.earlyStopping.enabled = v))}
      />
      {t.earlyStopping.enabled && (
        <>
          <SelectField
            label="Watch"
            value={t.earlyStopping.monitor ?? 'train-loss'}
            options={[
              { value: 'train-loss', label: 'Training loss (MLPClassifier default)' },
              { value: 'validation', label: 'Accuracy on a validation split, best weights restored (early_stopping=True)' },
            ]}
            disabled={running}
            onChange={(v) => editSpec((s) => (v === 'validation' ? ((s.training.earlyStopping.monitor = v), (s.training.earlyStopping.validationFraction ??= 0.1)) : (delete s.training.earlyStopping.monitor, delete s.training.earlyStopping.validationFraction)))}
          />
          <div className="row">
            <NumberField label="Patience" bounds={BOUNDS.patience} value={t.earlyStopping.patience} disabled={running} onChange={(v) => editSpec((s) => (s.training.earlyStopping.patience = v))} />
            <NumberField label="Minimum delta" bounds={BOUNDS.minDelta} step={0.0001} value={t.earlyStopping.minDelta} disabled={running} onChange={(v) => editSpec((s) => (s.training.earlyStopping.minDelta = v))} />
            {t.earlyStopping.monitor === 'validation' && (
              <NumberField label="Validation fraction" bounds={BOUNDS.validationFraction} step={0.05} value={t.earlyStopping.validationFraction ?? 0.1} disabled={running} onChange={(v) => editSpec((s) => (s.training.earlyStopping.validationFraction = v))} />
            )}
          </div>
        </>
      )}
      </Advanced>
    </Panel>
  );
}

const scheduleLabels: Record<LrSchedule['kind'] | 'none', string> = {
  none: 'Constant (no schedule)',
  constant: 'Constant after a warm-up',
  step: 'Step decay (StepLR)',
  exponential: 'Exponential decay (ExponentialLR)',
  cosine: 'Cosine annealing (CosineAnnealingLR)',
};

/** The learning-rate schedule, as torch.optim.lr_scheduler defines them, with an optional linear warm-up. */
function Schedule() {
  const s = useStore((st) => st.spec.training.schedule);
  const editSpec = useStore((st) => st.editSpec);
  const running = useStore((st) => st.status === 'running');
  const edit = (f: (x: LrSchedule) => void) => editSpec((sp) => sp.training.schedule && f(sp.training.schedule));
  return (
    <>
      <SelectField<LrSchedule['kind'] | 'none'>
        label="Learning-rate schedule"
        value={s?.kind ?? 'none'}
        options={(['none', ...LR_SCHEDULES] as const).map((k) => ({ value: k, label: scheduleLabels[k] }))}
        disabled={running}
        onChange={(k) => editSpec((sp) => (k === 'none' ? delete sp.training.schedule : (sp.training.schedule = { ...(sp.training.schedule ?? defaultSchedule()), kind: k })))}
      />
      {s && (
        <div className="row">
          <NumberField label="Warm-up epochs" bounds={BOUNDS.schedule.warmupEpochs} value={s.warmupEpochs} disabled={running} onChange={(v) => edit((x) => (x.warmupEpochs = v))} />
          {s.kind === 'step' && <NumberField label="Step every (epochs)" bounds={BOUNDS.schedule.stepEpochs} value={s.stepEpochs} disabled={running} onChange={(v) => edit((x) => (x.stepEpochs = v))} />}
          {(s.kind === 'step' || s.kind === 'exponential') && <NumberField label="Decay factor (gamma)" bounds={BOUNDS.schedule.gamma} step={0.05} value={s.gamma} disabled={running} onChange={(v) => edit((x) => (x.gamma = v))} />}
          {s.kind === 'cosine' && <NumberField label="Minimum learning rate" bounds={BOUNDS.schedule.minLearningRate} step={0.0001} value={s.minLearningRate} disabled={running} onChange={(v) => edit((x) => (x.minLearningRate = v))} />}
        </div>
      )}
    </>
  );
}
