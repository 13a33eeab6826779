import { parseCsvTable, tableToDataset } from './csv';
import type { Dataset } from './dataset';

/**
 * The built-in datasets, shipped in public/datasets as scikit-learn 1.2.1 ships them
 * (first line: rows, features, class names; then features and an integer label per row).
 */
export const BUILTIN_DATASETS = {
  iris: {
    title: 'Iris',
    file: 'iris.csv',
    attribution: 'Iris — R. A. Fisher; UCI Machine Learning Repository (CC BY 4.0), via scikit-learn (BSD-3-Clause).',
    featureNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
  },
  wine: {
    title: 'Wine',
    file: 'wine_data.csv',
    attribution: 'Wine — M. Forina et al.; UCI Machine Learning Repository (CC BY 4.0), via scikit-learn (BSD-3-Clause).',
    featureNames: [
      'alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
      'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline',
    ],
  },
  breast_cancer: {
    title: 'Breast cancer (Wisconsin diagnostic)',
    file: 'breast_cancer.csv',
    attribution:
      'Breast Cancer Wisconsin (Diagnostic) — W. H. Wolberg, W. N. Street, O. L. Mangasarian; UCI Machine Learning Repository (CC BY 4.0), via scikit-learn (BSD-3-Clause).',
    featureNames: [
      'mean radius', 'mean texture', 'mean perimeter', 'mean area', 'mean smoothness', 'mean compactness',
      'mean concavity', 'mean concave points', 'mean symmetry', 'mean fractal dimension', 'radius error',
      'texture error', 'perimeter error', 'area error', 'smoothness error', 'compactness error', 'concavity error',
      'concave points error', 'symmetry error', 'fractal dimension error', 'worst radius', 'worst texture',
      'worst perimeter', 'worst area', 'worst smoothness', 'worst compactness', 'worst concavity',
      'worst concave points', 'worst symmetry', 'worst fractal dimension',
    ],
  },
  digits: {
    title: 'Digits (8×8 images)',
    file: 'digits.csv',
    attribution:
      'Optical Recognition of Handwritten Digits — E. Alpaydin, C. Kaynak; UCI Machine Learning Repository (CC BY 4.0), via scikit-learn (BSD-3-Clause).',
    featureNames: Array.from({ length: 64 }, (_, i) => `pixel_${Math.floor(i / 8)}_${i % 8}`),
  },
  diabetes: {
    title: 'Diabetes (regression)',
    file: 'diabetes.csv',
    attribution:
      'Diabetes — B. Efron, T. Hastie, I. Johnstone, R. Tibshirani, "Least Angle Regression" (2004), via scikit-learn (BSD-3-Clause): 442 patients, 10 baseline variables, disease progression one year later.',
    featureNames: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
    /** A plain CSV with a header; its target is continuous. */
    target: 'progression',
  },
} as const;

/** The built-in datasets whose target is continuous (regression). */
export const isRegressionBuiltin = (name: BuiltinName): boolean => 'target' in BUILTIN_DATASETS[name];

export type BuiltinName = keyof typeof BUILTIN_DATASETS;
export const BUILTIN_NAMES = Object.keys(BUILTIN_DATASETS) as BuiltinName[];

/** Parses the scikit-learn data-file format of a built-in dataset. */
export function parseBuiltin(name: BuiltinName, text: string): Dataset {
  const meta = BUILTIN_DATASETS[name];
  if ('target' in meta) {
    const ds = tableToDataset(parseCsvTable(text), meta.target, meta.title);
    if (ds.featureNames.join() !== meta.featureNames.join()) throw new Error(`Built-in dataset "${name}" is damaged: unexpected columns ${ds.featureNames.join(', ')}.`);
    return ds;
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = (lines[0] ?? '').split(',');
  const nRows = Number(head[0]);
  const nFeatures = Number(head[1]);
  const classNames = head.slice(2).map((s) => s.trim());
  if (!Number.isInteger(nRows) || !Number.isInteger(nFeatures) || lines.length - 1 !== nRows) {
    throw new Error(`Built-in dataset "${name}" is damaged: header says ${head[0]} rows, file has ${lines.length - 1}.`);
  }
  if (nFeatures !== meta.featureNames.length) throw new Error(`Built-in dataset "${name}": unexpected feature count ${nFeatures}.`);
  const x = new Float64Array(nRows * nFeatures);
  const y = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const cells = (lines[r + 1] ?? '').split(',');
    if (cells.length !== nFeatures + 1) throw new Error(`Built-in dataset "${name}": row ${r + 1} has ${cells.length} fields.`);
    for (let f = 0; f < nFeatures; f++) x[r * nFeatures + f] = Number(cells[f]);
    y[r] = Number(cells[nFeatures]);
  }
  const ds: Dataset = { name: meta.title, featureNames: [...meta.featureNames], classNames, nRows, nFeatures, x, y };
  if (name === 'digits') ds.imageShape = [8, 8, 1];
  return ds;
}
