import fs from 'node:fs';
import path from 'node:path';
import type { Channel, Input, OperationEvent, Output } from '../../shared/api';
import type { Result } from '../../shared/result';
import { createDispatcher, type Dispatch } from './dispatch';
import { createHandlers, type EngineHandlers, type Handlers } from './handlers';
import { EngineError } from './errors';
import { hostChannelNames } from '../../shared/channels';
import type { HostChannel } from '../../shared/api';
import { ensureMeta } from './import/metadata';
import { rebuildAppViews } from './foreignObjects';
import { migrateWorkspace } from './schemaVersion';
import { repairTornImports, type TornImport } from './import/tornImports';
import { recordAudit } from './audit';
import { Operations } from './operations';
import { openWorkspace, type Workspace, type WorkspaceOptions } from './workspace';

export interface Engine {
  readonly workspace: Workspace;
  /** Validating entry point shared by IPC, the loopback server and the CLI. */
  readonly dispatch: Dispatch;
  /** The engine's own handlers, for a host that puts its session channels in front of them. */
  readonly handlers: EngineHandlers;
  /** The same dispatcher, typed for in-process callers (CLI, tests). */
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  onEvent(listener: (event: OperationEvent) => void): () => void;
  close(): void;
}

/** The product's brain as a plain Node module: never imports electron, so tests, CLI and web server share it. */
export async function createEngine(workspacePath: string, options: WorkspaceOptions = {}): Promise<Engine> {
  const workspace = await openWorkspace(workspacePath, options);
  try {
    // The file's format is brought up to date (or a newer one refused) before anything reads it.
    await workspace.withConnection((connection) => migrateWorkspace(connection, workspace.path));
    // Every workspace carries the app's metadata schema from the start, so no operation has to create it midway.
    await workspace.withConnection(ensureMeta);
    await workspace.withConnection(rebuildAppViews);
    // Before anything can import: the remains of an import killed inside its commit would otherwise share the next
    // import's id (import/tornImports.ts).
    for (const torn of await workspace.withConnection(repairTornImports)) await recordRepair(workspace, torn);
  } catch (error) {
    workspace.close();
    throw error;
  }
  // Files linked in for an import that a crash interrupted: the workspace is open only here, so none is in use.
  fs.rmSync(path.join(workspace.filesDir, 'staging'), { recursive: true, force: true });
  const operations = new Operations();
  const handlers = createHandlers(workspace, operations);
  const dispatch = createDispatcher({ ...handlers, ...withoutHost });
  return {
    workspace,
    dispatch,
    handlers,
    invoke: (channel, input) => dispatch(channel, input) as Promise<Result<Output<typeof channel>>>,
    onEvent: (listener) => operations.onEvent(listener),
    close() {
      operations.cancelAll();
      workspace.close();
    },
  };
}

/** Said in the audit log (and on stderr, for whoever ran the command) — a repair the analyst should know of. */
async function recordRepair(workspace: Workspace, torn: TornImport): Promise<void> {
  const rows = Object.values(torn.removed).reduce((n, r) => n + r, 0);
  const back = Object.values(torn.restored).reduce((n, r) => n + r, 0);
  const message =
    `Import #${torn.import_id} never finished (the app stopped while committing it): its ${rows.toLocaleString('en-GB')} rows` +
    `${torn.quarantine > 0 ? ` and ${torn.quarantine.toLocaleString('en-GB')} quarantined line${torn.quarantine === 1 ? '' : 's'}` : ''} were taken out` +
    `${back > 0 ? ` and the ${back.toLocaleString('en-GB')} rows it had replaced put back` : ''}; import the file again.`;
  process.stderr.write(`${workspace.name}: ${message}\n`);
  await recordAudit(workspace, { action: 'repair', subject: `import #${torn.import_id}`, detail: { ...torn }, outcome: 'done', message });
}

/** An engine on its own (CLI, tests) has no session to switch: the host's channels say so clearly. */
const withoutHost = Object.fromEntries(
  hostChannelNames.map((channel) => [
    channel,
    async () => {
      throw new EngineError('unsupported', `${channel} is answered by the app or the web server, not by a workspace engine on its own.`);
    },
  ]),
) as unknown as Handlers<HostChannel>;

/*
 * The engine's published surface. Everything outside electron/engine (the desktop main process, the host, the web
 * server, the CLI, the benchmark) imports the engine from here and never from its internals
 * (eslint-rules/layering.mjs), so what the engine offers is this list and can change behind it.
 */
export { EngineError, toApiError } from './errors';
export { isDiskFull, diskFullMessage } from './diskFull';
export { createDispatcher, type Dispatch } from './dispatch';
export type { EngineHandlers, Handlers } from './handlers';
export { listBackups, restoreBackup, type Backup } from './backups';
export { buildSampleWorkspace } from './sampleWorkspace';
export { memoryLimitSetting } from './memoryLimit';
export { refuseWorkspaceFile } from './ownFiles';
export { EXPORT_ROW_LIMIT } from './exports/prepare';
export { resolveParameters } from './analyses/resolveParameters';
export { boundValues, createContext, createSharedRelations } from './analyses/runAnalysis';
export { writeWhole } from './writeWhole';
// The bench measures the HMAC's own cost with the same SQL (bench/bench.ts rawHashedCopy).
export { Pseudonymiser } from './import/pseudonymise';
export { write, writeText, type PageReader } from './exports/resultText';
