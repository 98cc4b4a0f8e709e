import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from './errors';

/*
 * One writer per workspace. DuckDB locks the file it opens (an fcntl lock on POSIX, a file lock on Windows), so a
 * second process cannot open it. But POSIX locks belong to the process, not the descriptor: closing *any* descriptor
 * on the file in this process releases DuckDB's lock. So the engine opens one descriptor of its own right after DuckDB
 * does, reads the rolling backup through it, and closes it only after DuckDB has closed, never opening the file by
 * path again while it is open. Two engines in one process would share the process's lock, so they are refused here.
 */

const openHere = new Set<string>();

/** The message for a workspace another window, process or engine holds: never "damaged", never a backup offer. */
export function inUse(workspacePath: string): EngineError {
  return new EngineError(
    'in_use',
    `${path.basename(workspacePath)} is open in another window or process: close it there first (or open a different workspace).`,
  );
}

/** DuckDB's words when another process holds the file's lock (POSIX and Windows). */
export const isLockConflict = (error: Error) => /Could not set lock on file|being used by another process/i.test(error.message);

/** Claims the workspace for this process's one engine; the returned release gives it back. */
export function claimInProcess(workspacePath: string): () => void {
  const key = process.platform === 'win32' || process.platform === 'darwin' ? workspacePath.toLowerCase() : workspacePath;
  if (openHere.has(key)) throw inUse(workspacePath);
  openHere.add(key);
  return () => openHere.delete(key);
}

/**
 * A read descriptor on the open workspace file, held until the engine closes (after DuckDB), so that reading the file
 * for a backup never releases DuckDB's lock. Windows locks belong to the handle that took them, so there the file is
 * read by path as before (and no second handle competes with DuckDB's sharing mode).
 */
export function holdFile(workspacePath: string, platform = process.platform): { fd: number | undefined; release(): void } {
  if (platform === 'win32') return { fd: undefined, release() {} };
  const fd = fs.openSync(workspacePath, 'r');
  let open = true;
  return {
    fd,
    release() {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}
