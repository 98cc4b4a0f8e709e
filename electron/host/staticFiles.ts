import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../../shared/csp';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.geojson': 'application/geo+json',
};

export const contentType = (file: string): string => types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * ── TRUST BOUNDARY ── Maps a URL path to a file inside `root`, or undefined when it would escape (../, encoded
 * separators, NUL, absolute or drive paths). Shared by the app:// protocol and the loopback server.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return undefined;
  const base = path.resolve(root);
  const resolved = path.resolve(base, relative);
  return resolved.startsWith(base + path.sep) ? resolved : undefined;
}

/** Serves a file of the built renderer, with the app's security headers; 404 for anything outside it. */
export function serveFile(root: string, pathname: string, res: http.ServerResponse): void {
  const file = resolveInside(root, pathname);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { ...securityHeaders, 'Content-Type': contentType(file), 'Cache-Control': 'no-cache' });
  fs.createReadStream(file).pipe(res);
}
