import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * How `npm start` serves the built app's hashed assets (dist/assets/*: the name changes when the
 * content does): cached for a year as immutable, and gzipped when the browser accepts it (the
 * WASM binaries shrink ~3×, the JS ~4×). Vite's preview server sends every file `no-cache` and
 * uncompressed. index.html and public/ files keep `no-cache`. Every response carries `headers`
 * (the page's cross-origin isolation and CSP), as the preview server's own do.
 */
export function previewAssets(headers: Record<string, string>): Plugin {
  let root = 'dist';
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();
  return {
    name: 'prunelab-preview-assets',
    configResolved(config) {
      root = resolve(config.root, config.build.outDir);
    },
    configurePreviewServer(server) {
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const type = TYPES[extname(url)];
        if (!url.startsWith('/assets/') || !type || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        const file = normalize(join(root, decodeURIComponent(url)));
        if (!file.startsWith(join(root, 'assets') + sep)) return next();
        let mtimeMs: number;
        try {
          mtimeMs = statSync(file).mtimeMs;
        } catch {
          return next();
        }
        const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        let body: Buffer;
        if (gzip) {
          const cached = gzipped.get(file);
          body = cached && cached.mtimeMs === mtimeMs ? cached.body : gzipSync(readFileSync(file), { level: 9 });
          gzipped.set(file, { mtimeMs, body });
        } else body = readFileSync(file);
        for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        res.setHeader('Content-Type', type);
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.setHeader('Vary', 'Accept-Encoding');
        if (gzip) res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', body.length);
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    },
  };
}
