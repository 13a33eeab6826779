import { hiddenOf } from './sections';
import { describe, expect, it } from 'vitest';
import { checkTaskData, codeLayerIndex, outputsOf } from '../task/learning';
import { datasetByName, withDataset, withLearningTask } from './edit';
import { presetFor } from './presets';
import { defaultSpec, learningTaskOf } from './schema';

describe('the learning task in the spec', () => {
  it('absent means classification; reconstruction brings the autoencoder preset and K-fold, and going back restores both', () => {
    const spec = defaultSpec();
    expect(learningTaskOf(spec)).toBe('classification');
    const ae = withLearningTask(spec, 'reconstruction');
    expect(ae.learningTask).toBe('reconstruction');
    expect(ae.cv.kind).toBe('kfold');
    expect(hiddenOf(ae.model).map((h) => [h.units, h.activation])).toEqual([[32, 'relu'], [16, 'linear'], [32, 'relu']]);
    expect(ae.training).toEqual(presetFor(ae.dataset, 'reconstruction').training);
    const back = withLearningTask(ae, 'classification');
    expect(back).toEqual(spec);
    expect('learningTask' in back).toBe(false);
  });

  it('an edited model stays when it can serve the task; one without a bottleneck becomes the autoencoder', () => {
    const edited = { ...defaultSpec(), model: { kind: 'mlp' as const, hidden: [64, 8, 64].map((units) => ({ units, activation: 'relu' as const, dropout: 0 })), l1: 0, l2: 0 } };
    expect(withLearningTask(edited, 'reconstruction').model).toEqual(edited.model);
    const wide = { ...defaultSpec(), model: { kind: 'mlp' as const, hidden: [{ units: 64, activation: 'relu' as const, dropout: 0 }], l1: 0, l2: 0 } };
    expect(hiddenOf(withLearningTask(wide, 'reconstruction').model).map((h) => h.units)).toEqual([32, 16, 32]);
    expect(withLearningTask(wide, 'regression').model).toEqual(wide.model);
  });

  it('the diabetes set is regression with K-fold; leaving it for a set with classes goes back to classification', () => {
    const reg = withDataset(defaultSpec(), datasetByName('diabetes'));
    expect(reg.learningTask).toBe('regression');
    expect(reg.cv.kind).toBe('kfold');
    const iris = withDataset(reg, datasetByName('iris'));
    expect(learningTaskOf(iris)).toBe('classification');
    expect(iris.cv.kind).toBe('stratified-kfold');
  });

  it('refuses data and validation that cannot serve the task, saying what to change', () => {
    const shape = { nRows: 10, nFeatures: 3, nClasses: 0, featureNames: [], continuous: true, targetName: 'price' };
    const base = defaultSpec();
    expect(() => checkTaskData(base, shape)).toThrow('"price" is continuous (too many distinct values to be classes): choose the Regression task.');
    expect(() => checkTaskData({ ...base, learningTask: 'regression' }, shape)).toThrow(/Stratified K-fold balances classes; regression has none to balance\. Choose K-fold/);
    expect(() => checkTaskData({ ...base, learningTask: 'regression', cv: { ...base.cv, kind: 'kfold' } }, { ...shape, continuous: false, nClasses: 3, targetName: 'species' })).toThrow('Regression needs a numeric target; "species" holds text. Choose Classification.');
    expect(() => checkTaskData({ ...base, learningTask: 'reconstruction', cv: { ...base.cv, kind: 'holdout' } }, shape)).not.toThrow();
    expect([outputsOf('classification', { nFeatures: 3, nClasses: 4 }), outputsOf('regression', { nFeatures: 3, nClasses: 4 }), outputsOf('reconstruction', { nFeatures: 3, nClasses: 4 })]).toEqual([4, 1, 3]);
  });

  it('the code layer is the narrowest hidden layer (the middle one of a mirrored net)', () => {
    expect(codeLayerIndex([32, 16, 32])).toBe(1);
    expect(codeLayerIndex([64, 8, 8, 64])).toBe(1);
    expect(codeLayerIndex([16])).toBe(0);
  });
});
