import type { StateCreator } from 'zustand';
import { exampleById } from '../../core/examples';
import type { Store, UiSlice } from './types';

const GUIDE_KEY = 'prunelab.guide.dismissed';

function readGuideDismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(GUIDE_KEY) === '1';
  } catch {
    return false; // storage blocked: show the guide, forget the choice
  }
}

/** What the screen shows: presentation mode, the examples gallery, the first-visit guide. Not part of the spec. */
export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set, get) => ({
  invalidFields: {},
  setFieldInvalid: (id, message) => {
    const cur = get().invalidFields;
    if ((cur[id] ?? null) === message) return;
    const next = { ...cur };
    if (message === null) delete next[id];
    else next[id] = message;
    set({ invalidFields: next });
  },
  presenting: false,
  examplesOpen: false,
  guideOpen: !readGuideDismissed(),
  togglePresenting: () => set({ presenting: !get().presenting }),
  toggleExamples: () => set({ examplesOpen: !get().examplesOpen }),
  dismissGuide: () => {
    try {
      globalThis.localStorage?.setItem(GUIDE_KEY, '1');
    } catch {
      /* remembered for this tab only */
    }
    set({ guideOpen: false });
  },
  showGuide: () => set({ guideOpen: true }),
  example: null,
  openExample: async (id, run) => {
    const ex = exampleById(id);
    if (!ex) return;
    get().openSpec(ex.spec(), `Opened the example “${ex.title}”.`);
    set({ example: { id: ex.id, title: ex.title, expect: ex.expect }, examplesOpen: false });
    if (run) await get().run();
  },
  closeExample: () => set({ example: null }),
});
