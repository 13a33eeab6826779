#!/usr/bin/env node
// The prunelab command: the TypeScript CLI (src/cli) run through tsx, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main, stdio } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), stdio);
