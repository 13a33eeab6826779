import { lazy, type ComponentType } from 'react';
import type { RunKindId } from '../../core/kinds/registry';
import { FoldTable } from '../results/FoldTable';
import { FeatureOptions } from './FeatureOptions';
import { SensitivityOptions } from './SensitivityOptions';
import { StructuralOptions } from './StructuralOptions';
import { SweepOptions } from './SweepOptions';
import { SearchOptions } from './SearchOptions';

// Result views that draw with recharts load when a run of their kind first shows results, keeping the app shell small.
const SweepResults = lazy(() => import('../results/SweepResults').then((m) => ({ default: m.SweepResults })));
const SensitivityResults = lazy(() => import('../results/SensitivityResults').then((m) => ({ default: m.SensitivityResults })));
const StructuralResults = lazy(() => import('../results/StructuralResults').then((m) => ({ default: m.StructuralResults })));
const SearchResults = lazy(() => import('../results/SearchResults').then((m) => ({ default: m.SearchResults })));
const FeatureResults = lazy(() => import('../results/FeatureResults').then((m) => ({ default: m.FeatureResults })));

/** The UI of every run kind: its settings (null: none beyond the shared sections) and its results. The compiler asks for every kind in the core's registry. */
export const KIND_VIEWS: { [K in RunKindId]: { Options: ComponentType | null; Results: ComponentType; /** false: the kind draws its own curves (a search has a job per candidate and fold). */ curves?: false } } = {
  cv: { Options: null, Results: FoldTable },
  sweep: { Options: SweepOptions, Results: SweepResults },
  sensitivity: { Options: SensitivityOptions, Results: SensitivityResults },
  structural: { Options: StructuralOptions, Results: StructuralResults },
  features: { Options: FeatureOptions, Results: FeatureResults },
  search: { Options: SearchOptions, Results: SearchResults, curves: false },
};
