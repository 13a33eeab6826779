import { countText } from '../../core/format';
/** The run's measured pace: model-epochs trained, the run's wall time (data loading and workers' start included), and per model-epoch. */
export function throughput(modelEpochs: number, wallMs: number, executor: string): string {
  const each = wallMs / modelEpochs;
  return `${countText(modelEpochs)} model-epochs in ${(wallMs / 1000).toFixed(1)} s of wall time (loading and workers' start included): ${each < 10 ? each.toFixed(2) : each.toFixed(1)} ms each, on ${executor}.`;
}
