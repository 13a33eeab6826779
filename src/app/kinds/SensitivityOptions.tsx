import { BOUNDS } from '../bounds';
import { useTask } from './useTask';
import { CheckboxField, NumberField } from '../ui/fields';
import { PercentListField } from '../ui/PercentListField';

/** Distiller's sensitivity analysis: the sparsity grid, the tolerance for per-layer targets, and which tensors get a curve. */
export function SensitivityOptions() {
  const { task, edit, running } = useTask('sensitivity');
  if (!task) return null;
  return (
    <>
      <PercentListField label="Sensitivity sparsities (%)" value={task.sparsities} bounds={BOUNDS.sensitivity.sparsities} disabled={running} onChange={(v) => edit((p) => (p.sparsities = v))} />
      <NumberField
        label="Tolerance (accuracy points)"
        bounds={BOUNDS.sensitivity.tolerance}
        scale={100}
        step={0.5}
        value={task.tolerance}
        disabled={running}
        onChange={(v) => edit((p) => (p.tolerance = v))}
        hint="Per-layer targets keep each layer's accuracy drop within this."
      />
      <CheckboxField label="Include biases" checked={task.scope.biases} disabled={running} onChange={(v) => edit((p) => (p.scope.biases = v))} />
      <CheckboxField label="Include the output layer" checked={task.scope.outputLayer} disabled={running} onChange={(v) => edit((p) => (p.scope.outputLayer = v))} />
    </>
  );
}
