import { create } from 'zustand';
import { createDataSlice } from './dataSlice';
import { createHistorySlice } from './historySlice';
import { createImportSlice } from './importSlice';
import { createRunSlice } from './runSlice';
import { createSpecSlice } from './specSlice';
import { createTeachSlice } from './teachSlice';
import { createUiSlice } from './uiSlice';
import type { Store } from './types';

export const useStore = create<Store>()((...a) => ({
  ...createSpecSlice(...a),
  ...createDataSlice(...a),
  ...createRunSlice(...a),
  ...createHistorySlice(...a),
  ...createUiSlice(...a),
  ...createTeachSlice(...a),
  ...createImportSlice(...a),
}));
