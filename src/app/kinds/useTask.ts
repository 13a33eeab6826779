import type { RunKindId, TaskOf } from '../../core/kinds/registry';
import { useStore } from '../store';

/** The spec's task when it is of kind K (else null), an editor for it, and whether a run holds the form. */
export function useTask<K extends RunKindId>(kind: K) {
  const task = useStore((s) => (s.spec.task.kind === kind ? (s.spec.task as TaskOf<K>) : null));
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  const edit = (f: (t: TaskOf<K>) => void) => editSpec((s) => s.task.kind === kind && f(s.task as TaskOf<K>));
  return { task, edit, running };
}
