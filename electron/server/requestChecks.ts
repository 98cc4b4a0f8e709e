import type { IncomingHttpHeaders } from 'node:http';

/**
 * ── TRUST BOUNDARY ── The loopback server's equivalent of IPC sender validation. Only the app's own page may call the
 * API: the Host must be this server's loopback address (stops DNS rebinding), and a browser-sent Origin must be the
 * same origin (stops other local pages from posting to it).
 */
export function isTrustedRequest(headers: IncomingHttpHeaders, port: number): boolean {
  const own = `127.0.0.1:${port}`;
  if (headers.host !== own) return false;
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${own}`) return false;
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
