import { create } from 'zustand';
import { createDataSlice } from './dataSlice';
import { createHistorySlice } from './historySlice';
import { createRunSlice } from './runSlice';
import { createSpecSlice } from './specSlice';
import type { Store } from './types';

export const useStore = create<Store>()((...a) => ({
  ...createSpecSlice(...a),
  ...createDataSlice(...a),
  ...createRunSlice(...a),
  ...createHistorySlice(...a),
}));
