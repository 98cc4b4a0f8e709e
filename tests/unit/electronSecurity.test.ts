import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isAllowedPermission, isAllowedRequest, isAppUrl, isTrustedSender, windowOptions } from '../../electron/main/security';

describe('Electron shell security decisions', () => {
  it('grants only clipboard writing (Copy chart), and only to the app itself', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://workbench')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', APP_ENTRY)).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen']) expect(isAllowedPermission(permission, APP_ENTRY), permission).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://workbench/assets/index.js')).toBe(true);
    for (const url of [
      'app://other/index.html',
      'app://user:pw@workbench/index.html',
      'file:///etc/passwd',
      'https://workbench/index.html',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('allows the dev server origin only when one is configured', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
  });

  it('blocks every request that is not the app own', () => {
    expect(isAllowedRequest('app://workbench/index.html')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://workbench/1234')).toBe(true);
    for (const url of ['https://fonts.googleapis.com/css', 'http://127.0.0.1:1/', 'wss://example.org', 'ftp://x', 'file:///tmp/a']) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('trusts IPC only from the app top-level frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY, isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('creates windows isolated, sandboxed and without Node', () => {
    const { webPreferences } = windowOptions('/app/preload.js');
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
