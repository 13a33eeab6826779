import { LEARNING_TASKS, learningTaskOf, type LearningTaskId } from '../../core/spec/schema';
import { withLearningTask } from '../../core/spec/edit';
import { METRICS, TASK_LABELS } from '../../core/task/learning';
import { useStore } from '../store';
import { SelectField } from '../ui/fields';

/** What the network learns: classes, a continuous target, or its own input (an autoencoder). */
export function TaskField() {
  const spec = useStore((s) => s.spec);
  const setSpec = useStore((s) => s.setSpec);
  const running = useStore((s) => s.status === 'running');
  const task = learningTaskOf(spec);
  return (
    <SelectField
      label="Task"
      path="learningTask"
      value={task}
      options={LEARNING_TASKS.map((t) => ({ value: t, label: TASK_LABELS[t] }))}
      disabled={running}
      hint={`Reports ${METRICS[task].label}. ${METRICS[task].describe}`}
      onChange={(v) => setSpec(withLearningTask(spec, v as LearningTaskId))}
    />
  );
}

/** A numeric target that looks continuous while the task is classification: say so and offer regression. */
export function RegressionSuggestion() {
  const target = useStore((s) => s.datasetSummary?.target);
  const classes = useStore((s) => s.datasetSummary?.classes.length ?? 0);
  const spec = useStore((s) => s.spec);
  const setSpec = useStore((s) => s.setSpec);
  if (!target || learningTaskOf(spec) !== 'classification' || (target.integer && target.distinct <= 20 && classes > 0)) return null;
  return (
    <div className="notice" role="status" data-testid="regression-suggestion">
      <p>
        “{target.name}” looks continuous ({target.distinct} distinct values{target.integer ? '' : ', not all whole numbers'}).
        {classes === 0 ? ' It cannot be classes.' : ` As classes it would be ${classes} classes of a few rows each.`} Regression predicts the number itself.
      </p>
      <button type="button" onClick={() => setSpec(withLearningTask(spec, 'regression'))}>
        Use regression
      </button>
    </div>
  );
}
