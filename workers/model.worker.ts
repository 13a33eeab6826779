import { expose } from 'comlink';
import { createModelHost } from '../src/core/engine/imported/host';
import { selectBackend } from './backend';

/** A thin Comlink adapter: one imported TF.js model, opened, pruned and saved by src/core/engine/imported. */
expose(createModelHost(selectBackend));
