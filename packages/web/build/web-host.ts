import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** Paths that belong to the API server; everything else is the web app. */
const API_PREFIXES = ['/api/', '/docs', '/health', '/metrics'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebHost {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built workbench (dist/) and forwards API paths to a running
 * Sieve API, on one origin, as the server itself will once it serves dist
 * (see docs/web.md). The browser sees one origin, so the session cookie
 * (SameSite=Strict, HttpOnly) works unchanged.
 *
 * Files under /assets/ carry a content hash in their name and are cached for
 * good; index.html is never cached, so a new build is picked up at once.
 * Unknown paths get index.html: the app's router owns them (/queue, /rules/x/3).
 *
 * @example const host = await startWebHost({ api: 'http://127.0.0.1:8080', dist: WEB_DIST, port: 0 });
 */
export async function startWebHost(o: {
  api: string;
  dist: string;
  host?: string;
  port?: number;
}): Promise<WebHost> {
  const api = new URL(o.api);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (API_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) forward(req, res, api);
    else serveFile(path, res, o.dist);
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const { port, address } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const upstream = httpRequest(
    {
      hostname: api.hostname,
      port: api.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        code: 'SIEVE_ERR_UPSTREAM',
        message: 'the API server did not answer',
        statusCode: 502,
      }),
    );
  });
  req.pipe(upstream);
}

function serveFile(path: string, res: ServerResponse, dist: string): void {
  let file: string;
  try {
    file = normalize(join(dist, decodeURIComponent(path)));
  } catch {
    file = join(dist, 'index.html');
  }
  // No escaping the folder with ../
  if (!file.startsWith(dist + sep) || !existsSync(file) || statSync(file).isDirectory())
    file = join(dist, 'index.html');
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file)
    .on('error', () => res.end())
    .pipe(res);
}
