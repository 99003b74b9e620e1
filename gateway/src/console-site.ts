import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';

/**
 * The console's Content-Security-Policy: scripts only from the gateway's own origin (no inline
 * script at all), requests only to it (`/graphql`, `/oidc`), no framing. Ant Design writes its
 * styles into <style> elements at run time, hence `style-src 'unsafe-inline'` (styles cannot run code).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite's hashed build output: named by its content, so cached for a year and never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleSite {
  /** The built console's folder (packages/console/dist): index.html and assets/. */
  readonly dir: string;
  /** Answers a GET or HEAD of any path that is not the gateway's own (`/graphql`, `/health/*`, `/oidc/*`). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Serves the built console from `dir`: files under `assets/` (hashed names) with IMMUTABLE
 * caching, other files of the folder with `no-cache`, and index.html (`no-cache`) for every other
 * path without a file extension, so that the console's own routes (`/overview?district=…`,
 * `/auth/callback`) load the application. A missing file with an extension is 404.
 */
export function createConsoleSite(dir: string): ConsoleSite {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`The console is not built: ${index} is missing (npm run build -w @tongxin/console)`);

  function sendFile(req: IncomingMessage, res: ServerResponse, file: string, stat: fs.Stats, cacheControl: string): void {
    securityHeaders(res);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': cacheControl,
      'Last-Modified': stat.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, '只支持 GET 请求');
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, '地址无效');
    }
    const file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(`${root}${path.sep}`) && file !== root) return sendText(res, 404, '没有这个文件');
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      const hashed = path.relative(root, file).startsWith(`assets${path.sep}`);
      return sendFile(req, res, file, stat, hashed ? IMMUTABLE : 'no-cache');
    }
    if (path.extname(pathname) !== '') return sendText(res, 404, '没有这个文件');
    const indexStat = fs.statSync(index, { throwIfNoEntry: false });
    if (!indexStat) return sendText(res, 503, '控制台尚未构建');
    sendFile(req, res, index, indexStat, 'no-cache');
  }

  return { dir: root, handle };
}
