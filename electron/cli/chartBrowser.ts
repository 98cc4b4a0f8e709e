import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Figure } from '../../shared/charts/types';
import { serveFile } from '../host/staticFiles';

/** Chromium flags that stop it phoning home at start-up: no updates, sync, QUIC or background fetches. */
export const offlineChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Where a Chromium-family browser usually is, for drawing charts when none is named. */
const knownBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function findBrowser(named?: string): string | undefined {
  if (named) return fs.existsSync(named) ? named : undefined;
  return [process.env.CHROMIUM_PATH, ...knownBrowsers].find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)));
}

export interface ChartRenderer {
  /** A pack figure (built by shared/exports/packSection.ts) drawn as the pack prints it: a base64 PNG. */
  drawPng(figure: Figure): Promise<string>;
  close(): Promise<void>;
}

/**
 * Draws board-pack charts for the command line with the app's own chart code, in a headless browser already on the
 * machine (the CLI downloads nothing). The page comes from a loopback server that serves only the built renderer,
 * and every request it makes elsewhere is refused.
 */
export async function openChartRenderer(executablePath: string, rendererDir: string): Promise<ChartRenderer> {
  if (!fs.existsSync(path.join(rendererDir, 'chart-render.html'))) throw new Error(`The chart renderer is missing from ${rendererDir}: run "npm run build".`);
  const server = http.createServer((req, res) => serveFile(rendererDir, new URL(req.url ?? '/', 'http://127.0.0.1').pathname, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: offlineChromiumArgs });
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
    await page.goto(`${origin}/chart-render.html`);
    await page.waitForFunction('window.cswReady === true');
    const opened = browser;
    return {
      // Page code as a string: this file is compiled for Node, without the DOM's types.
      drawPng: async (figure) => (await page.evaluate(`window.cswDrawPackPng(${JSON.stringify(figure)})`)) as string,
      close: async () => {
        await opened.close();
        server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
