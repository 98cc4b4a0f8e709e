import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { buildSampleWorkspace, memoryLimitSetting } from '../engine';
import { createWorkspaceHost } from '../host/workspaceHost';
import { TOKEN_PARAM } from '../../shared/serverToken';
import { newServerToken } from './requestChecks';
import { createWebServer } from './webServer';

/**
 * `npm run web -- --workspace <file> [--port N] [--sample] [--settings <folder>] [--memory-limit SIZE]`: the built
 * renderer and the real engine on 127.0.0.1.
 */
async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { workspace: { type: 'string' }, port: { type: 'string' }, sample: { type: 'boolean' }, settings: { type: 'string' }, 'memory-limit': { type: 'string' } }, strict: true }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (!values.workspace) return usageError('--workspace <file> is required.');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`--port must be 0–65535, not "${values.port}".`);
  let memoryLimit: string | undefined;
  try {
    memoryLimit = memoryLimitSetting(values['memory-limit'], '--memory-limit');
  } catch (error) {
    return usageError((error as Error).message);
  }

  // --sample: build the sample workspace at that path first if there is nothing there yet.
  if (values.sample && !fs.existsSync(values.workspace)) await buildSampleWorkspace(values.workspace);
  // Recent workspaces and where the analyst left off: kept apart from any workspace, like the desktop app's userData.
  const settingsDir = path.resolve(values.settings ?? path.join(os.homedir(), '.config', 'community-safety-workbench'));
  const host = await createWorkspaceHost(path.resolve(values.workspace), { settingsDir, memoryLimit });
  // A new secret each start: only whoever reads the address printed below can call the engine (see requestChecks.ts).
  const token = newServerToken();
  const server = createWebServer(host, path.join(__dirname, '..', 'renderer'), token);
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`Listening on http://127.0.0.1:${actual}/?${TOKEN_PARAM}=${token}\n`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function usageError(message: string): void {
  process.stderr.write(`web: ${message}\nUsage: npm run web -- --workspace <file.duckdb> [--port N] [--sample] [--settings <folder>] [--memory-limit SIZE]\n`);
  process.exitCode = 2;
}

main().catch((error: Error) => {
  process.stderr.write(`web: ${error.message}\n`);
  process.exitCode = 1;
});
