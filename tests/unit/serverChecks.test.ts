import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp';
import { hasToken, isTrustedRequest, newServerToken } from '../../electron/server/requestChecks';
import { resolveInside } from '../../electron/host/staticFiles';

const root = path.resolve('/srv/app/renderer');

describe('static file containment', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveInside(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each(['/../package.json', '/..%2f..%2fetc/passwd', '/assets/../../secret', '/%2e%2e/x', '/a%00.js', '/..\\x', '/%E0%A4%A', '//etc/passwd', '/C:/Windows/win.ini'])(
    'refuses %s',
    (url) => {
      const resolved = resolveInside(root, url);
      expect(resolved === undefined || resolved.startsWith(root + path.sep)).toBe(true);
      if (url.includes('..') || url.includes('%2e') || url.includes('%00') || url.includes('%E0')) expect(resolved).toBeUndefined();
    },
  );
});

describe('loopback API request checks', () => {
  const own = { host: '127.0.0.1:4000' };
  it('accepts the app own page and headless clients', () => {
    expect(isTrustedRequest({ ...own, origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-origin' }, 4000)).toBe(true);
    expect(isTrustedRequest(own, 4000)).toBe(true);
  });
  it.each([
    [{ host: 'evil.example:4000' }],
    [{ host: 'localhost:4000' }],
    [{ ...own, origin: 'http://evil.example' }],
    [{ ...own, origin: 'null' }],
    [{ ...own, 'sec-fetch-site': 'cross-site' }],
    [{ host: '127.0.0.1:4001' }],
  ])('refuses %o', (headers) => {
    expect(isTrustedRequest(headers, 4000)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows scripts, connections and fonts only from the app itself, and images from data:/blob: for export', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['font-src']).toBe("'self'");
    expect(directives['img-src']).toBe("'self' data: blob:");
    expect(directives['object-src']).toBe("'none'");
    expect(contentSecurityPolicy).not.toMatch(/https?:|\*/);
  });
});

describe('the loopback server token', () => {
  it('is fresh at each start, 256 bits of hex, and only the exact token passes', () => {
    const token = newServerToken();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(newServerToken()).not.toBe(token);
    expect(hasToken(token, token)).toBe(true);
    for (const presented of [undefined, null, '', token.slice(1), `${token}a`, token.toUpperCase(), 'x'.repeat(64)]) expect(hasToken(presented, token), String(presented)).toBe(false);
  });
});
