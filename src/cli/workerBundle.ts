import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The CLI's worker threads load one prebuilt ES module instead of compiling TypeScript through
 * tsx: ~0.4 s to a ready thread instead of ~1.4 s on 2 cores, when a whole CV run takes ~2 s.
 * The bundle is esbuild's, cached in node_modules/.cache/prunelab/ with the list of files it was
 * built from; it is rebuilt when any of them is newer (so an edit to the engine shows up in the
 * next run). Should esbuild fail, the threads load the TypeScript through tsx as before.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'prunelab');
const bundle = join(cacheDir, 'worker.mjs');
const inputsFile = join(cacheDir, 'worker.inputs.json');
const tsxBoot = new URL('./worker-boot.mjs', import.meta.url);

let entry: Promise<URL> | null = null;

/** The module a worker thread starts from: the fresh bundle, built once per process when stale, else the tsx boot file. */
export function workerEntry(): Promise<URL> {
  entry ??= buildIfStale().catch(() => tsxBoot);
  return entry;
}

/** True when the bundle exists and none of the files it was built from changed since. */
export function bundleIsFresh(): boolean {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as string[];
    return inputs.length > 0 && inputs.every((f) => statSync(join(root, f)).mtimeMs <= built);
  } catch {
    return false;
  }
}

async function buildIfStale(): Promise<URL> {
  if (bundleIsFresh()) return pathToFileURL(bundle);
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  // Written aside, then renamed: concurrent processes (parallel tests) never read half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // TF.js backends register themselves on import; their packages' sideEffects hints would drop that.
    ignoreAnnotations: true,
    metafile: true,
    logLevel: 'silent',
    // CommonJS names the bundled packages expect (the WASM backend's Emscripten loader reads __dirname).
    banner: {
      js: [
        "import { createRequire as __prunelabRequire } from 'node:module';",
        "import { fileURLToPath as __prunelabPath } from 'node:url';",
        'const require = __prunelabRequire(import.meta.url);',
        'const __filename = __prunelabPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
  });
  const inputsTmp = `${inputsFile}.${process.pid}.tmp`;
  // This file too: a change to how the bundle is built makes it stale.
  const self = relative(root, fileURLToPath(import.meta.url));
  writeFileSync(inputsTmp, JSON.stringify([...Object.keys(result.metafile.inputs), self]));
  renameSync(tmp, bundle);
  renameSync(inputsTmp, inputsFile);
  return pathToFileURL(bundle);
}
