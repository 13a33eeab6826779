import { FEATURE_ESTIMATORS, type FeatureSelectionSpec } from '../../core/spec/schema';
import { useStore } from '../store';
import { CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';

const estimatorLabels: Record<FeatureSelectionSpec['estimator'], string> = {
  logreg: 'Logistic regression (L2, C = 1)',
  'linear-svm': 'Linear SVM (hinge loss, C = 1)',
  mlp: 'Small MLP (16 ReLU units): first-layer weight norms',
};

export function FeaturePanel() {
  const fs = useStore((s) => s.spec.featureSelection);
  const kept = useStore((s) => s.spec.preprocessing.keepFeatures);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const edit = (f: (p: FeatureSelectionSpec) => void) => editSpec((s) => s.featureSelection && f(s.featureSelection));
  return (
    <Panel title="Feature pruning">
      {kept && (
        <p data-testid="kept-features">
          Using {kept.length} selected feature{kept.length === 1 ? '' : 's'}.{' '}
          <button type="button" disabled={running} onClick={() => editSpec((s) => delete s.preprocessing.keepFeatures)}>
            Use all features
          </button>
        </p>
      )}
      <CheckboxField
        label="Run feature selection (RFECV)"
        hint="scikit-learn's RFECV: drop the least important features step by step, score each count by CV; among equal mean scores the fewest features win."
        checked={fs !== undefined}
        disabled={running}
        onChange={(on) =>
          editSpec((s) => {
            if (on) s.featureSelection = { estimator: 'logreg', importance: 'coef', step: 1, minFeatures: 1 };
            else delete s.featureSelection;
          })
        }
      />
      {fs && (
        <>
          <SelectField label="Estimator" value={fs.estimator} options={FEATURE_ESTIMATORS.map((e) => ({ value: e, label: estimatorLabels[e] }))} disabled={running} onChange={(v) => edit((f) => (f.estimator = v))} />
          <SelectField
            label="Importance"
            value={fs.importance}
            options={[
              { value: 'coef', label: fs.estimator === 'mlp' ? 'First-layer weight norms' : 'Squared coefficients (sklearn RFE)' },
              { value: 'permutation', label: 'Permutation importance (training rows)' },
            ]}
            disabled={running}
            onChange={(v) => edit((f) => (f.importance = v))}
          />
          <div className="row">
            <NumberField label="Step" min={0.01} max={1000} step={1} value={fs.step} disabled={running} onChange={(v) => edit((f) => (f.step = v))} hint="Whole number: features per round; below 1: fraction of the initial count." />
            <NumberField label="Minimum features" integer min={1} max={10000} value={fs.minFeatures} disabled={running} onChange={(v) => edit((f) => (f.minFeatures = v))} />
          </div>
        </>
      )}
    </Panel>
  );
}
