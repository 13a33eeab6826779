import { METRICS, type MetricId, type MetricInfo } from '../../core/task/learning';
import { useStore } from '../store';

const BY_ID: Record<MetricId, MetricInfo> = { accuracy: METRICS.classification, r2: METRICS.regression, mse: METRICS.reconstruction };

/** The metric the shown results hold (accuracy, R², reconstruction MSE): from the result, else from the spec that ran. */
export function useRunMetric(): MetricInfo {
  const id = useStore((s) => s.result?.metric ?? (s.runSpec?.learningTask ? METRICS[s.runSpec.learningTask].id : 'accuracy'));
  return BY_ID[id];
}

export const metricInfo = (id: MetricId | undefined): MetricInfo => BY_ID[id ?? 'accuracy'];

/** "accuracy", "R²", "reconstruction MSE": the metric's name inside a sentence or on an axis. */
export const metricWord = (m: MetricInfo): string => (m.id === 'r2' ? 'R²' : m.label.charAt(0).toLowerCase() + m.label.slice(1));
