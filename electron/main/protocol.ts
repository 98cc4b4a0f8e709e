import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { securityHeaders } from '../../shared/csp';
import { contentType, resolveInside } from '../host/staticFiles';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before app 'ready': app:// behaves like a secure, standard origin so fetch and CSP 'self' work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://workbench/ instead of file://, with a path-containment check and the CSP. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveInside(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, { headers: { ...securityHeaders, 'Content-Type': contentType(file) } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
