import { listBackups, type Backup, EngineError } from '../engine';

/**
 * Which backup to offer when a workspace fails to open: the newest one, only when the file is damaged. A workspace
 * that is open in another window or process is fine, so offering a copy hours old would only lose work.
 */
export function backupToOffer(error: unknown, workspacePath: string): Backup | undefined {
  if (!(error instanceof EngineError) || error.code !== 'damaged') return undefined;
  return listBackups(workspacePath)[0];
}
