import { cnnPreset, defaultSpecFor, withTask } from './spec/edit';
import type { ExperimentSpec } from './spec/schema';

/** A ready experiment for the gallery: a question, the settings that ask it, and what to look for. */
export interface Example {
  id: string;
  title: string;
  /** The question, one line. */
  question: string;
  /** What the user should see when it finishes (checked by examples.test.ts / the e2e gallery run). */
  expect: string;
  /** What the settings are, in words. */
  settings: string;
  spec: () => ExperimentSpec;
}

function sweep(dataset: string, task: Partial<Extract<ExperimentSpec['task'], { kind: 'sweep' }>>): ExperimentSpec {
  const s = withTask(defaultSpecFor(dataset), 'sweep');
  if (s.task.kind !== 'sweep') throw new Error('unreachable');
  s.task = { ...s.task, ...task };
  return s;
}

/**
 * The gallery. Each runs in well under a minute on a laptop (wasm, two workers): the models are the
 * dataset presets or smaller, with fewer epochs where the curve has long gone flat.
 */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'magnitude-vs-random',
    title: 'Magnitude vs random pruning',
    question: 'Does removing the smallest weights beat removing weights at random?',
    expect: 'Magnitude pruning stays within a few points of the dense model up to 90 % sparsity (≈ 0.94 vs 0.97); the random baseline falls first (≈ 0.83 at 90 %) and furthest.',
    settings: 'Breast cancer · MLP 32 · 5-fold stratified · one-shot pruning at 50–98 %, fine-tuned 20 epochs',
    spec: () => {
      const s = sweep('breast_cancer', { methods: ['magnitude-global', 'random'], sparsities: [0.5, 0.75, 0.9, 0.95, 0.98], finetuneEpochs: 20 });
      s.training.epochs = 150;
      return s;
    },
  },
  {
    id: 'global-vs-layer',
    title: 'Global vs layer-wise magnitude',
    question: 'Should every layer lose the same share of weights, or should the smallest weights go wherever they are?',
    expect: 'The global ranking keeps more accuracy at every level (≈ 0.86 vs 0.66 at 90 %): it can prune the large first layer harder and spare the small output layer; both collapse by 95 %.',
    settings: 'Digits · MLP 64 · 3-fold stratified · one-shot at 80–98 %, fine-tuned 10 epochs',
    spec: () => {
      const s = sweep('digits', { methods: ['magnitude-global', 'magnitude-layer'], sparsities: [0.8, 0.9, 0.95, 0.98], finetuneEpochs: 10 });
      s.model = { kind: 'mlp', hidden: [{ units: 64, activation: 'relu', dropout: 0 }], l1: 0, l2: 0 };
      s.training.epochs = 60;
      s.cv.folds = 3;
      return s;
    },
  },
  {
    id: 'lottery-ticket',
    title: 'A lottery ticket',
    question: 'Does a sparse mask found by iterative pruning train well only from its original initial weights?',
    expect: 'The ticket rewound to its original initial weights keeps ≈ 0.95 at 80 % and ≈ 0.90 at 90 %; the same mask trained from a fresh random initialisation (dashed) reaches only ≈ 0.90 and ≈ 0.80.',
    settings: 'Digits · MLP 64 · 3-fold · iterative magnitude pruning, 3 rounds to 80 and 90 %, rewinding to epoch 0, with the random re-init control',
    spec: () => {
      const s = sweep('digits', { methods: ['magnitude-global'], sparsities: [0.8, 0.9], schedule: 'imp', impRounds: 3, rewindEpoch: 0, randomReinit: true, finetuneEpochs: 0 });
      s.model = { kind: 'mlp', hidden: [{ units: 64, activation: 'relu', dropout: 0 }], l1: 0, l2: 0 };
      s.training.epochs = 40;
      s.cv.folds = 3;
      return s;
    },
  },
  {
    id: 'rfecv-wine',
    title: 'Which wine features matter? (RFECV)',
    question: 'How many of the 13 chemical measurements does a classifier need to tell the three wines apart?',
    expect: 'RFECV keeps 8 of the 13 features (the smallest set with the best cross-validated score, as in scikit-learn); accuracy is within 3 points of it from 5 features on, and falls steeply below 3.',
    settings: 'Wine · logistic regression, coefficients as importance · 5-fold stratified · one feature per step',
    spec: () => {
      const s = withTask(defaultSpecFor('wine'), 'features');
      return s;
    },
  },
  {
    id: 'cnn-filters',
    title: 'Filter pruning in a CNN',
    question: 'How many convolution filters can go before a digit classifier notices?',
    expect: 'Removing half the filters (smallest L1 norm) of each conv layer costs about 4 points of accuracy after a 10-epoch fine-tune (≈ 0.95 → 0.91), while parameters halve, FLOPs fall 3× and the measured latency falls too.',
    settings: 'Digits as 8×8 images · CNN 8-16 filters, dense 32, 20 epochs · 3-fold · 50 % of the filters removed, fine-tuned 10 epochs',
    spec: () => {
      const s = withTask(defaultSpecFor('digits'), 'structural');
      s.model = cnnPreset(s.model);
      if (s.model.kind === 'cnn') {
        s.model.conv = s.model.conv.map((c, i) => ({ ...c, filters: i === 0 ? 8 : 16 }));
        s.model.hidden = [{ units: 32, activation: 'relu', dropout: 0 }];
      }
      s.training.epochs = 20;
      s.training.batchSize = 64;
      s.cv.folds = 3;
      if (s.task.kind === 'structural') s.task = { ...s.task, ratio: 0.5, finetuneEpochs: 10 };
      return s;
    },
  },
  {
    id: 'learning-rate-grid',
    title: 'Choosing the learning rate (grid search)',
    question: 'Which of 0.001, 0.01 and 0.1 is the best learning rate? (The survey’s GridSearchCV.)',
    expect: 'A ranked table with mean ± std over the folds: 0.01 ranks first, but the three candidates lie within one standard deviation of each other — read the error bars before trusting a rank.',
    settings: 'Breast cancer · MLP 32 · 5-fold stratified · Adam, 40 epochs · grid over the learning rate',
    spec: () => {
      const s = withTask(defaultSpecFor('breast_cancer'), 'search');
      s.training.epochs = 40;
      return s;
    },
  },
  {
    id: 'spirals-neurons',
    title: 'Neurons pruned from a two-spirals network',
    question: 'A network that separates two spirals: how many of its neurons can it lose?',
    expect: 'The dense network wraps its boundary around both arms (≈ 0.99 accuracy); with half of each layer’s neurons removed and a 30-epoch fine-tune it still holds (≈ 0.98) with 3.5× fewer parameters. Watch the decision boundary and the network diagram.',
    settings: 'Two spirals (400 points) · MLP 32-32 · 5-fold stratified · 50 % of the neurons (L1 norm) removed, fine-tuned 30 epochs',
    spec: () => {
      const s = withTask(defaultSpecFor('spirals'), 'structural');
      return s;
    },
  },
];

/** The example by id (a link or the CLI may name one). */
export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
