import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { FvError, errorMessage } from '@flow-visualizer/core';

/**
 * A static file server for the built studio, on this machine only: cross-origin isolated (COOP + COEP, so that the
 * page may use SharedArrayBuffer and TensorFlow.js' wasm threads), with the MIME types browsers insist on (wasm
 * streaming compilation needs application/wasm, module scripts a JavaScript type), and nothing outside `root`.
 */

/** Types by extension; anything else is served as bytes (and `nosniff` keeps the browser from guessing). */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
};

/** Sent with every answer: cross-origin isolation on, and every resource usable only by this origin. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

export interface StudioServerOptions {
  /** The folder to serve (packages/studio/dist). */
  root: string;
  /** 0: a free port. */
  port: number;
  /** 127.0.0.1 unless told otherwise: the studio is for this machine. */
  host?: string;
}

export interface StudioServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts serving; USAGE (exit 2) when the port is taken or not allowed. */
export async function serveStudio(opts: StudioServerOptions): Promise<StudioServer> {
  const root = realpathSync(opts.root);
  const host = opts.host ?? '127.0.0.1';
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    // DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 reaches this server with its own
    // name in Host. Only the loopback names this server answers to are served.
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
      return plain(res, 421, `Misdirected request: this server answers only to ${[...hosts][0]}.`);
    }
    answer(root, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const taken = e.code === 'EADDRINUSE';
      reject(
        new FvError('USAGE', taken ? `Port ${opts.port} on ${host} is already in use.` : `Cannot listen on ${host}:${opts.port}: ${errorMessage(e)}.`, {
          hint: taken ? 'Pick another with --port <n>, or --port 0 for a free one.' : 'Ports below 1024 need privileges: pick --port 5178 or --port 0.',
          cause: e,
        }),
      );
    });
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  hosts = allowedHosts(host, port);
  return {
    url: `http://${host}:${port}/`,
    port,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The Host headers the server answers: the name it printed, and the loopback names of the same port. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host, '127.0.0.1', 'localhost', '[::1]'];
  return new Set(names.flatMap((n) => [`${n.toLowerCase()}:${port}`, ...(port === 80 ? [n.toLowerCase()] : [])]));
}

function answer(root: string, req: IncomingMessage, res: ServerResponse): void {
  for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(res, 405, 'Method not allowed.');
  }
  const file = resolveInside(root, req.url ?? '/');
  if (file === undefined) return plain(res, 400, 'Bad request path.');
  if (file === null) return plain(res, 403, 'Forbidden: outside the served folder.');
  let stats: Stats;
  let target = file;
  try {
    stats = statSync(target);
    if (stats.isDirectory()) {
      target = path.join(target, 'index.html');
      stats = statSync(target);
    }
  } catch {
    return plain(res, 404, 'Not found.');
  }
  // A link inside the folder must not lead out of it either.
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return plain(res, 404, 'Not found.');
  }
  if (!isInside(root, real)) return plain(res, 403, 'Forbidden: outside the served folder.');
  if (!stats.isFile()) return plain(res, 404, 'Not found.');
  res.statusCode = 200;
  res.setHeader('Content-Type', MIME_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', stats.size);
  // The app's hashed assets could be cached for ever; index.html must not be. Simplest right answer: revalidate.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * The file a request path names under `root`: undefined for a path that cannot be read (bad percent-encoding, a
 * NUL byte), null for one that leads outside (`..`, encoded or not, or a backslash form of it).
 */
export function resolveInside(root: string, url: string): string | null | undefined {
  // The raw path, not `new URL(...)`'s: that would quietly resolve `..` and hide an attempt that must be refused.
  const raw = url.split(/[?#]/)[0];
  if (!raw.startsWith('/')) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const parts = pathname.split(/[\\/]+/).filter(Boolean);
  if (parts.some((p) => p === '..')) return null;
  const file = path.join(root, ...parts);
  return isInside(root, file) ? file : null;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`${text}\n`);
}
