import fs from 'node:fs';
import path from 'node:path';
import type { EngineChannel, HostChannel, OperationEvent } from '../../shared/api';
import { channelNames, hostChannelNames, localChannelNames } from '../../shared/channels';
import type { FilePurpose } from '../../shared/contracts/session';
import { createEngine, type Engine, createDispatcher, type Dispatch, EngineError, type Handlers, listBackups, restoreBackup, buildSampleWorkspace } from '../engine';
import { recentWorkspaces, rememberUiState, rememberWorkspace, uiStateOf } from './settings';

export interface HostOptions {
  /** Where the host keeps its settings (recent workspaces, where the analyst left off). */
  settingsDir: string;
  /** The native file dialog, where there is one (the desktop app); absent in a browser. */
  chooseFile?: (purpose: FilePurpose, suggestedName?: string) => Promise<string | null>;
  /** DuckDB's memory limit for every workspace this host opens (else CSW_MEMORY_LIMIT, else DuckDB's default). */
  memoryLimit?: string;
}

export interface WorkspaceHost {
  readonly dispatch: Dispatch;
  current(): Engine;
  onEvent(listener: (event: OperationEvent) => void): () => void;
  close(): void;
}

/**
 * Holds the open workspace and answers the session channels (which workspace, switching, file dialogs); every other
 * channel goes to the open workspace's engine. Switching opens the new engine first, so a workspace that fails to open
 * leaves the current one open and untouched.
 */
export async function createWorkspaceHost(initialPath: string, options: HostOptions): Promise<WorkspaceHost> {
  let engine = await createEngine(initialPath, { memoryLimit: options.memoryLimit });
  rememberWorkspace(options.settingsDir, engine.workspace.path);
  const listeners = new Set<(event: OperationEvent) => void>();
  const forward = (event: OperationEvent) => listeners.forEach((l) => l(event));
  let unsubscribe = engine.onEvent(forward);

  const switchTo = async (workspacePath: string) => {
    const next = await createEngine(workspacePath, { memoryLimit: options.memoryLimit });
    unsubscribe();
    engine.close();
    engine = next;
    unsubscribe = engine.onEvent(forward);
    return rememberWorkspace(options.settingsDir, engine.workspace.path);
  };

  const hostHandlers: Handlers<HostChannel> = {
    'session.get': async () => ({
      current: recentWorkspaces(options.settingsDir).find((r) => r.path === engine.workspace.path) ?? rememberWorkspace(options.settingsDir, engine.workspace.path),
      recent: recentWorkspaces(options.settingsDir),
      ui: uiStateOf(options.settingsDir, engine.workspace.path),
      canChooseFiles: options.chooseFile !== undefined,
    }),
    'session.remember': async ({ path: workspacePath, ui }) => {
      // Only for workspaces this host has opened: the settings file is not a place to write arbitrary keys.
      if (!recentWorkspaces(options.settingsDir).some((r) => r.path === workspacePath)) {
        throw new EngineError('not_found', `${workspacePath} is not a workspace opened here.`);
      }
      rememberUiState(options.settingsDir, workspacePath, ui);
      return { saved: true as const };
    },
    'workspace.open': async ({ path: requested }) => {
      const target = path.resolve(requested);
      if (!fs.existsSync(target)) throw new EngineError('not_found', `There is no workspace at ${target}. Choose another file, or create a new workspace there.`);
      if (target === engine.workspace.path) return rememberWorkspace(options.settingsDir, target);
      return switchTo(target);
    },
    'workspace.create': async ({ path: requested, sample }) => {
      const target = path.resolve(requested);
      if (fs.existsSync(target)) throw new EngineError('invalid_input', `${target} already exists: open it instead, or choose a new file name.`);
      if (!fs.existsSync(path.dirname(target))) throw new EngineError('not_found', `The folder ${path.dirname(target)} does not exist.`);
      try {
        if (sample) await buildSampleWorkspace(target);
        return await switchTo(target);
      } catch (error) {
        // A half-built new file is removed, so a retry starts clean; the open workspace was never touched.
        for (const leftover of [target, `${target}.wal`]) fs.rmSync(leftover, { force: true });
        throw error;
      }
    },
    'workspace.backups': async ({ path: requested }) => ({ backups: listBackups(path.resolve(requested)) }),
    'workspace.restore': async ({ path: requested, backup }) => {
      let restored: string;
      try {
        restored = restoreBackup(path.resolve(requested), backup);
      } catch (error) {
        throw new EngineError('not_found', (error as Error).message);
      }
      return switchTo(restored);
    },
    'files.choose': async ({ purpose, suggestedName }) => {
      if (!options.chooseFile) throw new EngineError('unsupported', 'There is no file dialog in the browser: type or paste the file\'s full path instead.');
      return { path: await options.chooseFile(purpose, suggestedName) };
    },
  };

  const engineChannels = channelNames.filter((c): c is EngineChannel => !(hostChannelNames as readonly string[]).includes(c));
  // ── TRUST BOUNDARY ── The app and the web server carry web content's requests: a local channel (one that writes a
  // file at a path the caller names) is refused here whatever the transport, so a page can never overwrite a file.
  const refused = async (channel: string) => {
    throw new EngineError('forbidden', `${channel} is for the command line only: the app exports through its Export buttons.`);
  };
  // Inputs are validated once, by this dispatcher; the engine's handlers are then called directly.
  const viaEngine = Object.fromEntries(
    engineChannels.map((channel) => [
      channel,
      (localChannelNames as readonly string[]).includes(channel) ? () => refused(channel) : (input: never) => (engine.handlers[channel] as (value: never) => Promise<unknown>)(input),
    ]),
  ) as unknown as Handlers<EngineChannel>;

  return {
    dispatch: createDispatcher({ ...viaEngine, ...hostHandlers }),
    current: () => engine,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      unsubscribe();
      engine.close();
    },
  };
}
