import { FEATURE_ESTIMATORS, type FeaturesTask } from '../../core/kinds/features';
import { BOUNDS } from '../bounds';
import { useTask } from './useTask';
import { NumberField, SelectField } from '../ui/fields';

const estimatorLabels: Record<FeaturesTask['estimator'], string> = {
  logreg: 'Logistic regression (L2, C = 1)',
  'linear-svm': 'Linear SVM (hinge loss, C = 1)',
  mlp: 'Small MLP (16 ReLU units): first-layer weight norms',
};

/** RFECV's estimator, importance, step and minimum. */
export function FeatureOptions() {
  const { task, edit, running } = useTask('features');
  if (!task) return null;
  return (
    <>
      <SelectField label="Estimator" value={task.estimator} options={FEATURE_ESTIMATORS.map((e) => ({ value: e, label: estimatorLabels[e] }))} disabled={running} onChange={(v) => edit((f) => (f.estimator = v))} />
      <SelectField
        label="Importance"
        value={task.importance}
        options={[
          { value: 'coef', label: task.estimator === 'mlp' ? 'First-layer weight norms' : 'Squared coefficients (sklearn RFE)' },
          { value: 'permutation', label: 'Permutation importance (training rows)' },
        ]}
        disabled={running}
        onChange={(v) => edit((f) => (f.importance = v))}
      />
      <div className="row">
        <NumberField label="Step" bounds={BOUNDS.features.step} step={1} value={task.step} disabled={running} onChange={(v) => edit((f) => (f.step = v))} hint="Whole number: features per round; below 1: fraction of the initial count." />
        <NumberField label="Minimum features" bounds={BOUNDS.features.minFeatures} value={task.minFeatures} disabled={running} onChange={(v) => edit((f) => (f.minFeatures = v))} />
      </div>
    </>
  );
}
