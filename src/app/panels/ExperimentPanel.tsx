import { RUN_KINDS, RUN_KIND_IDS, type RunKindId } from '../../core/kinds/registry';
import { KIND_VIEWS } from '../kinds/registry';
import { SECTION_PATHS } from '../../core/link/codec';
import { useStore } from '../store';
import { Panel, RadioGroup } from '../ui/fields';

/** What to run: exactly one run kind (a radio choice: kinds never combine), then that kind's settings. */
export function ExperimentPanel() {
  const kind = useStore((s) => s.spec.task.kind);
  const chooseKind = useStore((s) => s.chooseKind);
  const running = useStore((s) => s.status === 'running');
  const Options = KIND_VIEWS[kind].Options;
  return (
    <Panel title="Experiment" lockPaths={SECTION_PATHS.experiment}>
      <RadioGroup<RunKindId>
        legend="Run"
        path="task.kind"
        name="kind"
        value={kind}
        disabled={running}
        options={RUN_KIND_IDS.map((id) => ({ value: id, label: RUN_KINDS[id].label, hint: RUN_KINDS[id].description }))}
        onChange={chooseKind}
      />
      {Options && (
        <div className="kind-options" role="group" aria-label={`${RUN_KINDS[kind].label} settings`}>
          <Options />
        </div>
      )}
    </Panel>
  );
}
