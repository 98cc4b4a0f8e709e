import fs from 'node:fs';
import path from 'node:path';
import type { UiState } from '../../shared/contracts/session';

const RECENT = 10;

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
}

/**
 * The host's own small settings file (in Electron's userData folder, or the web server's --settings folder): the
 * recent workspaces and, per workspace, where the analyst left off. Never any data from a workspace.
 */
export interface Settings {
  lastWorkspace?: string;
  recent?: RecentWorkspace[];
  ui?: Record<string, UiState>;
}

/**
 * Which workspace to open: `--workspace <file>` on the command line, else the last one used, else the default
 * workspace in the settings folder (the sample workspace once it is built there).
 */
export function chooseWorkspace(argv: readonly string[], settingsDir: string): string {
  const flag = argv.indexOf('--workspace');
  if (flag >= 0 && argv[flag + 1]) return path.resolve(argv[flag + 1]);
  const last = readSettings(settingsDir).lastWorkspace;
  if (typeof last === 'string' && fs.existsSync(last)) return last;
  return defaultWorkspace(settingsDir);
}

const defaultWorkspace = (settingsDir: string) => path.join(settingsDir, 'Sample workspace.duckdb');

/** The sample workspace in the settings folder: built from the bundled sample data when it does not exist yet. */
export const isDefaultWorkspace = (workspacePath: string, settingsDir: string) => path.resolve(workspacePath) === defaultWorkspace(settingsDir);

export const workspaceName = (workspacePath: string) => path.basename(workspacePath).replace(/\.duckdb$/i, '');

/** Records a workspace as opened now: it becomes the last one and moves to the top of the recent list. */
export function rememberWorkspace(settingsDir: string, workspacePath: string): RecentWorkspace {
  const settings = readSettings(settingsDir);
  const entry = { path: workspacePath, name: workspaceName(workspacePath), openedAt: new Date().toISOString() };
  const recent = [entry, ...(settings.recent ?? []).filter((r) => r.path !== workspacePath)].slice(0, RECENT);
  writeSettings(settingsDir, { ...settings, lastWorkspace: workspacePath, recent });
  return entry;
}

/** Recent workspaces that still exist, most recent first. */
export function recentWorkspaces(settingsDir: string): RecentWorkspace[] {
  return (readSettings(settingsDir).recent ?? []).filter((r) => typeof r.path === 'string' && fs.existsSync(r.path));
}

export function uiStateOf(settingsDir: string, workspacePath: string): UiState {
  return readSettings(settingsDir).ui?.[workspacePath] ?? {};
}

export function rememberUiState(settingsDir: string, workspacePath: string, ui: UiState): void {
  const settings = readSettings(settingsDir);
  writeSettings(settingsDir, { ...settings, ui: { ...settings.ui, [workspacePath]: ui } });
}

export function readSettings(settingsDir: string): Settings {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(settingsDir, 'settings.json'), 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Settings) : {};
  } catch {
    return {};
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves a half-written settings file. */
function writeSettings(settingsDir: string, settings: Settings): void {
  fs.mkdirSync(settingsDir, { recursive: true });
  const file = path.join(settingsDir, 'settings.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
