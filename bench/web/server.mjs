// A static file server for the Chromium benchmark page, on 127.0.0.1 only, with the headers
// of cross-origin isolation (COOP/COEP), which give the page 5 µs timers instead of 100 µs.
// It serves the package folder read-only: dist/, bench/ and the baselines in node_modules
// (ml-matrix; tfjs-core and tfjs-backend-wasm with its .wasm files).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ceilingBytes } from '../ceiling/build.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ALLOWED = [
  'dist/', 'bench/', 'node_modules/ml-matrix/', 'node_modules/@tensorflow/tfjs-core/dist/',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/',
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json',
};

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The ceiling module of the gemm suite, compiled once per server (bench/ceiling/). */
const CEILING_PATH = 'bench/ceiling/ceiling.wasm';

/** Start on an ephemeral loopback port; resolves to { url, close }. */
export function serve() {
  const ceiling = ceilingBytes();
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).slice(1);
    if (path === CEILING_PATH) {
      res.writeHead(200, { 'Content-Type': TYPES['.wasm'], ...ISOLATION }).end(ceiling);
      return;
    }
    const file = join(root, path);
    const ok = ALLOWED.some((p) => path.startsWith(p)) && existsSync(file) &&
      statSync(file).isFile();
    if (!ok) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...ISOLATION,
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    });
  });
}
