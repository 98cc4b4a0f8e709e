import fs from 'node:fs';
import path from 'node:path';
import { backupsDirFor } from './backups';
import { EngineError } from './errors';
import { filesDirFor, spillDirFor } from './workspace';

/*
 * ── TRUST BOUNDARY ── The workspace's own files are never input, nor where an export is written. Importing or previewing them would put the HMAC key
 * (`<name>.key`) or raw spilled rows into the workspace and its audit log, and reading the open `.duckdb` file by path
 * would release DuckDB's lock on it (see workspaceLock.ts). Checked by identity (device and inode, through links) and
 * by real path, so a symlink or hard link to one of them is refused too.
 */

const keyPathFor = (workspacePath: string) => `${workspacePath.replace(/\.duckdb$/i, '')}.key`;

const realOrSelf = (p: string) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

const inside = (child: string, dir: string) => {
  const relative = path.relative(dir, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Refuses one of the workspace's own files as input (`import`, `preview`) or as where an export is written. */
export function refuseWorkspaceFile(workspacePath: string, file: string, use: 'input' | 'output' = 'input'): void {
  const files = [workspacePath, `${workspacePath}.wal`, keyPathFor(workspacePath)];
  const folders = [backupsDirFor(workspacePath), filesDirFor(workspacePath), spillDirFor(workspacePath)];
  const target = realOrSelf(file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const sameFile = files.some((own) => {
    if (realOrSelf(own) === target) return true;
    const ownStat = fs.statSync(own, { throwIfNoEntry: false });
    return stat !== undefined && ownStat !== undefined && ownStat.dev === stat.dev && ownStat.ino === stat.ino;
  });
  if (sameFile || folders.some((dir) => inside(target, realOrSelf(dir)) || inside(path.resolve(file), dir))) {
    throw new EngineError(
      'not_allowed',
      use === 'input'
        ? `${path.basename(file)} is one of this workspace's own files (the workspace, its key, backups, staging or temporary files), not data to import: choose the original extract instead.`
        : `${path.basename(file)} is one of this workspace's own files or folders (the workspace, its key, backups, staging or temporary files): write the export somewhere else.`,
    );
  }
}
