import { lazy, type ComponentType } from 'react';
import type { RunKindId } from '../../core/kinds/registry';
import { FoldTable } from '../results/FoldTable';
import { FeatureOptions } from './FeatureOptions';
import { SensitivityOptions } from './SensitivityOptions';
import { StructuralOptions } from './StructuralOptions';
import { SweepOptions } from './SweepOptions';
import { SearchOptions } from './SearchOptions';

// Each kind's result views load when a run of that kind first shows results (or ahead of it, below), keeping the app shell small.
const load = {
  sweep: () => import('../results/SweepResults'),
  sensitivity: () => import('../results/SensitivityResults'),
  structural: () => import('../results/StructuralResults'),
  search: () => import('../results/SearchResults'),
  features: () => import('../results/FeatureResults'),
} satisfies Partial<Record<RunKindId, () => Promise<unknown>>>;
const SweepResults = lazy(() => load.sweep().then((m) => ({ default: m.SweepResults })));
const SensitivityResults = lazy(() => load.sensitivity().then((m) => ({ default: m.SensitivityResults })));
const StructuralResults = lazy(() => load.structural().then((m) => ({ default: m.StructuralResults })));
const SearchResults = lazy(() => load.search().then((m) => ({ default: m.SearchResults })));
const FeatureResults = lazy(() => load.features().then((m) => ({ default: m.FeatureResults })));

/**
 * Fetches and evaluates a kind's result views ahead of its run (the page idle, the kind chosen), so
 * the run's first results do not wait on a module load. (They draw with the light SVG charts; only
 * the comparison of saved runs still loads recharts, whose evaluation took ~90 ms.)
 */
export function preloadResults(kind: RunKindId): void {
  if (kind in load) void load[kind as keyof typeof load]().catch(() => undefined);
}

/** The UI of every run kind: its settings (null: none beyond the shared sections) and its results. The compiler asks for every kind in the core's registry. */
export const KIND_VIEWS: { [K in RunKindId]: { Options: ComponentType | null; Results: ComponentType; /** false: the kind draws its own curves (a search has a job per candidate and fold). */ curves?: false } } = {
  cv: { Options: null, Results: FoldTable },
  sweep: { Options: SweepOptions, Results: SweepResults },
  sensitivity: { Options: SensitivityOptions, Results: SensitivityResults },
  structural: { Options: StructuralOptions, Results: StructuralResults },
  features: { Options: FeatureOptions, Results: FeatureResults },
  search: { Options: SearchOptions, Results: SearchResults, curves: false },
};
