import { randomBytes, timingSafeEqual } from 'node:crypto';
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

/** A fresh secret for each server start: 256 bits, hex (safe in a URL). */
export const newServerToken = () => randomBytes(32).toString('hex');

/**
 * ── TRUST BOUNDARY ── Host and Origin stop other web pages, but not another local process or another user on the
 * machine, which can send any headers. Every API request must also carry this start's token (as Jupyter does): only
 * whoever could read the address the server printed has it. Compared in constant time.
 */
export function hasToken(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string' || presented.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(token));
}
