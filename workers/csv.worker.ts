import { expose } from 'comlink';
import { createCsvHost } from '../src/core/data/csvHost';

/** A thin Comlink adapter: uploaded CSV files are hashed and parsed here, off the main thread. */
expose(createCsvHost());
