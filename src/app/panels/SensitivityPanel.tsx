import { DEFAULT_SENSITIVITY_SPARSITIES } from '../../core/sensitivity/analysis';
import { useStore } from '../store';
import { CheckboxField, NumberField, Panel } from '../ui/fields';
import { PercentListField } from '../ui/PercentListField';

export function SensitivityPanel() {
  const sens = useStore((s) => s.spec.sensitivity);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  return (
    <Panel title="Sensitivity analysis">
      <CheckboxField
        label="Run a sensitivity analysis"
        hint="Distiller's method: prune one layer at a time by |w| over a grid of sparsities, no fine-tuning; one curve per layer. Runs instead of a sweep."
        checked={sens !== undefined}
        disabled={running}
        onChange={(on) =>
          editSpec((s) => {
            if (on) s.sensitivity = { sparsities: DEFAULT_SENSITIVITY_SPARSITIES, tolerance: 0.01 };
            else delete s.sensitivity;
          })
        }
      />
      {sens && (
        <>
          <PercentListField label="Sensitivity sparsities (%)" value={sens.sparsities} disabled={running} onChange={(v) => editSpec((s) => s.sensitivity && (s.sensitivity.sparsities = v))} />
          <NumberField
            label="Tolerance (accuracy points)"
            min={0}
            max={100}
            step={0.5}
            value={+(sens.tolerance * 100).toFixed(2)}
            disabled={running}
            onChange={(v) => editSpec((s) => s.sensitivity && (s.sensitivity.tolerance = v / 100))}
            hint="Per-layer targets keep each layer's accuracy drop within this."
          />
        </>
      )}
    </Panel>
  );
}
