import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, startWebServer, type WebServer } from './harness';

/** The loopback server as a browser-less client sees it: the same validation and sender checks as IPC. */
describe('npm run web', () => {
  const { dir, cleanup } = tempDir('csw-web-');
  let server: WebServer;
  beforeAll(async () => {
    assertBuilt();
    server = await startWebServer(path.join(dir, 'web.duckdb'));
  });
  afterAll(async () => {
    await server?.stop();
    cleanup();
  });

  const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 only and serves the renderer with the CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('<div id="root">');
  });

  it('answers contract calls as Result data', async () => {
    expect(await (await post('datasets.list', {})).json()).toEqual({ ok: true, value: { datasets: [] } });
    const bad = await (await post('grid.page', { source: { kind: 'dataset', name: 'x; DROP' } })).json();
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses other origins, unknown channels, non-JSON and path escapes', async () => {
    expect((await post('datasets.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('no.such', {})).status).toBe(404);
    const text = await fetch(`${server.url}/api/datasets.list`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const broken = await fetch(`${server.url}/api/datasets.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Request body is not valid JSON.' } });
    expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).toBe(404);
  });
});
