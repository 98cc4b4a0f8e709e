import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { offlineChromiumArgs } from '../../electron/cli/chartBrowser';

export const root = path.resolve(__dirname, '..', '..');

export function assertBuilt(): void {
  for (const file of ['out/main/server.js', 'out/main/cli.js', 'out/renderer/index.html', 'out/preload/index.js']) {
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run "npm run build" before the end-to-end tests.`);
  }
}

export interface WebServer {
  /** The address the server printed, with its per-start token: what the analyst opens, and what pages go to. */
  url: string;
  /** http://127.0.0.1:<port>, for API calls (which send `token` in the x-csw-token header). */
  origin: string;
  token: string;
  /** Outbound connection attempts by the engine's process, as recorded by tests/support/netGuard.cjs. */
  engineConnections(): { kind: string; target: string; allowed: boolean }[];
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `npm run web` (bin/web.js) on a free port and waits for its "Listening on" line. */
export async function startWebServer(workspace: string, extraArgs: string[] = []): Promise<WebServer> {
  // Settings (recent workspaces, where the analyst left off) go beside the workspace, never into the home folder.
  const settings = extraArgs.includes('--settings') ? [] : ['--settings', path.join(path.dirname(workspace), 'settings')];
  // Every outbound connection the engine's process attempts is recorded (and refused unless loopback).
  const netLog = path.join(path.dirname(workspace), 'engine-network.jsonl');
  const child = spawn(process.execPath, ['--require', path.join(root, 'tests', 'support', 'netGuard.cjs'), path.join(root, 'bin', 'web.js'), '--workspace', workspace, '--port', '0', ...settings, ...extraArgs], {
    cwd: root,
    env: { ...process.env, CSW_NET_LOG: netLog },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})\n/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`web server exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`web server did not start: ${stderr}`)), 90_000);
  });
  return {
    url,
    origin: new URL(url).origin,
    token: new URL(url).searchParams.get('token')!,
    engineConnections: () =>
      fs.existsSync(netLog)
        ? fs.readFileSync(netLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { kind: string; target: string; allowed: boolean })
        : [],
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's Chromium, with the flags that stop it phoning home at start-up (see docs/toolchain). */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    args: offlineChromiumArgs,
  });
}

/**
 * An automated accessibility audit (axe-core, WCAG 2.1 A and AA) of what the page shows now; fails listing the
 * violations. axe is evaluated through the debugging protocol, which the app's CSP does not govern; nothing is fetched.
 */
export async function axeAudit(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as unknown[];
  expect(violations, screen).toEqual([]);
}

/** Screenshots of the main screens, for reviewers: written under tests/screenshots/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(root, 'tests', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

export interface Watched {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Requests to anywhere but the app's loopback server: aborted, and a test failure. */
  offLoopback: string[];
  consoleErrors: string[];
}

/**
 * A page whose every request is checked: only the app's own loopback origin is let through, anything else is aborted
 * and recorded, as are console errors and uncaught page errors.
 */
export async function watchedPage(browser: Browser, appUrl: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const origin = new URL(appUrl).origin;
  const watched: Watched = { page: await context.newPage(), requests: [], offLoopback: [], consoleErrors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    watched.requests.push(url);
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    watched.offLoopback.push(url);
    return route.abort();
  });
  watched.page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  watched.page.on('pageerror', (error) => watched.consoleErrors.push(`pageerror: ${error.message}`));
  return watched;
}

/**
 * The usual end-to-end session for a describe block: `npm run web` on the workspace `setup` prepares, Chromium, and a
 * watched page; everything is torn down after, and then the block fails if anything went beyond loopback or the page
 * logged an error. Returns a holder filled in before the tests run.
 */
export function browserSession(prefix: string, setup: (workspace: string) => Promise<string[] | void> = async () => undefined) {
  const session = { server: undefined as unknown as WebServer, browser: undefined as unknown as Browser, w: undefined as unknown as Watched, dir: '' };
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  session.dir = temp;
  beforeAll(async () => {
    assertBuilt();
    const workspace = path.join(temp, 'Sample workspace.duckdb');
    const args = (await setup(workspace)) ?? [];
    session.server = await startWebServer(workspace, args);
    session.browser = await launchChromium();
    session.w = await watchedPage(session.browser, session.server.url);
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
    try {
      // Checked here, after every test of the block, so running some of them (-t) cannot skip it: nothing left the
      // machine — not from the page, not from the engine's process — and the page logged no error.
      if (!session.w) return;
      expect(session.w.offLoopback, 'requests beyond loopback').toEqual([]);
      expect(session.server.engineConnections().filter((c) => !c.allowed), 'engine connections beyond loopback').toEqual([]);
      expect(session.w.consoleErrors, 'console errors').toEqual([]);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  });
  return session;
}
