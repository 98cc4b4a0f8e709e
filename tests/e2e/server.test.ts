import fs from 'node:fs';
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
    fetch(`${server.origin}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-csw-token': server.token, ...headers }, body: JSON.stringify(body) });

  it('refuses the channels that write at a path the caller names, even with the token: a page never writes a file', async () => {
    const target = path.join(dir, 'written-by-a-page.csv');
    for (const [channel, body] of [
      ['exports.write', { resultId: 'r_00000001', format: 'csv', target }],
      ['priorities.export', { area: 'Lichfield', target }],
    ] as const) {
      const response = await post(channel, body);
      expect(response.status, channel).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fs.existsSync(target)).toBe(false);
  });

  it('listens on 127.0.0.1 only and serves the renderer with the CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
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
    const text = await post('datasets.list', {}, { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    const broken = await fetch(`${server.origin}/api/datasets.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-csw-token': server.token }, body: '{' });
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Request body is not valid JSON.' } });
    expect((await fetch(`${server.origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('refuses any API call without this start\'s token, even with a perfect Host and Origin (issue 15, break 7)', async () => {
    for (const token of [undefined, '', 'x'.repeat(64), server.token.slice(0, 63), `${server.token}0`]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: server.origin };
      if (token !== undefined) headers['x-csw-token'] = token;
      const response = await fetch(`${server.origin}/api/sql.run`, { method: 'POST', headers, body: JSON.stringify({ sql: 'SELECT 1', operationId: 'op-12345678' }) });
      expect(response.status, String(token)).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('?token=') } });
    }
    expect((await fetch(`${server.origin}/api/events`)).status).toBe(403);
    expect((await fetch(`${server.origin}/api/events?token=${'0'.repeat(64)}`)).status).toBe(403);
    const events = await fetch(`${server.origin}/api/events?token=${server.token}`);
    expect(events.status).toBe(200);
    await events.body?.cancel();
    // The renderer's own page needs no token to load (it holds no data); it reads the token from its address.
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
  });

  it('refuses a query that would abort the engine over HTTP too, and stays up (issue 15, break 2)', async () => {
    const sql = "SELECT * FROM enable_logging(storage='file', storage_path='/nonexistent')";
    expect(await (await post('sql.run', { sql, operationId: 'op-abort-1' })).json()).toMatchObject({ ok: false, error: { code: 'not_allowed', message: expect.stringContaining('enable_logging() is not allowed') } });
    expect(await (await post('datasets.list', {})).json()).toMatchObject({ ok: true });
    expect(server.process.exitCode).toBeNull();
  });

  it('answers a body over the limit with 413, not a connection reset, and keeps serving', async () => {
    const huge = `{"sql":"${'x'.repeat(65 * 2 ** 20)}","operationId":"op-12345678"}`;
    const response = await fetch(`${server.origin}/api/sql.run`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-csw-token': server.token }, body: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/larger than 64 MB/) } });
    // Streamed (no Content-Length), the same.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 70; i++) controller.enqueue(new Uint8Array(2 ** 20).fill(32));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.origin}/api/sql.run`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-csw-token': server.token }, body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await (await post('datasets.list', {})).json()).toMatchObject({ ok: true });
  });
});
