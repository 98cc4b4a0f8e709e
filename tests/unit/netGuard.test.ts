import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempWorkspace';

const guard = path.resolve(__dirname, '..', 'support', 'netGuard.cjs');

/** The end-to-end tests trust this guard to see the engine's connections; here it is shown to see and stop them. */
describe('the network guard used by the end-to-end tests', () => {
  const { dir, cleanup } = tempDir('csw-net-');
  afterAll(cleanup);

  it('records and refuses connections beyond loopback, and lets loopback through', () => {
    const log = path.join(dir, 'net.jsonl');
    const script = `
      const net = require('node:net'); const dns = require('node:dns');
      const tryIt = (f) => { try { f(); } catch (e) { console.log(e.message); } };
      tryIt(() => net.connect(443, '93.184.216.34').on('error', () => {}));
      tryIt(() => dns.lookup('example.org', () => {}));
      tryIt(() => fetch('https://example.org/'));
      tryIt(() => net.connect(9, '127.0.0.1').on('error', () => {}));
      setTimeout(() => process.exit(0), 50);`;
    const run = spawnSync(process.execPath, ['--require', guard, '-e', script], { env: { ...process.env, CSW_NET_LOG: log }, encoding: 'utf8' });
    expect(run.stdout).toContain('netGuard: blocked tcp to 93.184.216.34:443');
    expect(run.stdout).toContain('netGuard: blocked dns.lookup to example.org');
    expect(run.stdout).toContain('netGuard: blocked fetch to https://example.org/');
    const entries = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; allowed: boolean; target: string });
    expect(entries.map((e) => [e.kind, e.allowed])).toEqual([
      ['tcp', false],
      ['dns.lookup', false],
      ['fetch', false],
      ['tcp', true],
    ]);
  });
});
