/** Feature selection: linear estimators, RFE / RFECV with scikit-learn semantics, permutation importance. */
export type { Estimator, FittedClassifier } from './estimator';
export { squaredCoefImportance } from './estimator';
export { fitLogisticRegression, logisticRegression, DEFAULT_LOGREG, type LogRegOptions, type LogisticModel } from './logreg';
export { fitLinearSvm, linearSvm, DEFAULT_LINEAR_SVM, type LinearSvmOptions, type LinearSvmModel, type SvmLoss } from './linearSvm';
export { rfe, stepSize, eliminationSchedule, resolveTarget, lowestImportance, type RfeOptions, type RfeResult } from './rfe';
export { rfecv, chooseFeatureCount, type RfecvOptions, type RfecvResult } from './rfecv';
export { permutationImportance, type PermutationImportance, type PermutationOptions } from './permutation';
export { standardized, standardizeAll, applyStandardizer } from './standardized';
export { selectColumns, gatherRows64, subset, type Table, type LabeledTable } from './table';
