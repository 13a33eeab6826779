import { CV_KINDS, type CvSpec } from '../../core/spec/schema';
import { BOUNDS } from '../bounds';
import { SECTION_PATHS } from '../../core/link/codec';
import { useStore } from '../store';
import { CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';

const cvLabels: Record<CvSpec['kind'], string> = {
  'stratified-kfold': 'Stratified K-fold (sklearn StratifiedKFold)',
  kfold: 'K-fold (sklearn KFold)',
  holdout: 'Hold-out (stratified)',
};

export function ValidationPanel() {
  const cv = useStore((s) => s.spec.cv);
  const seed = useStore((s) => s.spec.seed);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  return (
    <Panel title="Validation" lockPaths={SECTION_PATHS.validation}>
      <SelectField label="Validation" path="cv.kind" value={cv.kind} options={CV_KINDS.map((k) => ({ value: k, label: cvLabels[k] }))} disabled={running} onChange={(v) => editSpec((s) => (s.cv.kind = v))} />
      <div className="row">
        {cv.kind === 'holdout' ? (
          <NumberField label="Test fraction" bounds={BOUNDS.testFraction} step={0.05} value={cv.testFraction} disabled={running} onChange={(v) => editSpec((s) => (s.cv.testFraction = v))} />
        ) : (
          <NumberField label="Folds" path="cv.folds" bounds={BOUNDS.folds} value={cv.folds} disabled={running} onChange={(v) => editSpec((s) => (s.cv.folds = v))} />
        )}
        <NumberField label="Seed" path="seed" bounds={BOUNDS.seed} value={seed} disabled={running} onChange={(v) => editSpec((s) => (s.seed = v))} hint="Drives init, shuffles, folds and dropout." />
      </div>
      {cv.kind !== 'holdout' && (
        <CheckboxField label="Shuffle before splitting" checked={cv.shuffle} disabled={running} onChange={(v) => editSpec((s) => (s.cv.shuffle = v))} />
      )}
    </Panel>
  );
}
