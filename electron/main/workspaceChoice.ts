import fs from 'node:fs';
import path from 'node:path';

/**
 * Which workspace to open: `--workspace <file>` on the command line, else the last one used, else the default
 * workspace in the user's data folder (the sample workspace once it is built there).
 */
export function chooseWorkspace(argv: readonly string[], userData: string): string {
  const flag = argv.indexOf('--workspace');
  if (flag >= 0 && argv[flag + 1]) return path.resolve(argv[flag + 1]);
  const last = readSettings(userData).lastWorkspace;
  if (typeof last === 'string' && fs.existsSync(last)) return last;
  return defaultWorkspace(userData);
}

const defaultWorkspace = (userData: string) => path.join(userData, 'Sample workspace.duckdb');

/** The sample workspace in the user's data folder: built from the bundled sample data when it does not exist yet. */
export const isDefaultWorkspace = (workspacePath: string, userData: string) => path.resolve(workspacePath) === defaultWorkspace(userData);

export function rememberWorkspace(userData: string, workspacePath: string): void {
  const settings = { ...readSettings(userData), lastWorkspace: workspacePath };
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(path.join(userData, 'settings.json'), JSON.stringify(settings, null, 2));
}

function readSettings(userData: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(userData, 'settings.json'), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
