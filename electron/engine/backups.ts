import fs from 'node:fs';
import path from 'node:path';

/** How many rolling backups are kept per workspace, and how often a new one is taken (on opening). */
export const BACKUP_KEEP = 5;
export const BACKUP_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface Backup {
  path: string;
  /** ISO time the backup was taken. */
  takenAt: string;
  size: number;
}

/** `<name>.backups/` beside the workspace: outside `<name>.files/`, so no SQL can read it. */
export const backupsDirFor = (workspacePath: string) => workspacePath.replace(/\.duckdb$/i, '') + '.backups';

/** The workspace's backups, newest first. */
export function listBackups(workspacePath: string): Backup[] {
  const dir = backupsDirFor(workspacePath);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{8}T\d{6}(\.\d{3})?Z\.duckdb$/.test(f))
    .map((f) => {
      const full = path.join(dir, f);
      const stamp = f.replace('.duckdb', '');
      const takenAt = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13)}`;
      return { path: full, takenAt, size: fs.statSync(full).size };
    })
    .sort((a, b) => b.path.localeCompare(a.path));
}

/**
 * Copies a checkpointed workspace file into its backups folder, unless a backup was taken within the interval; keeps
 * the newest few. Written to a temporary name and renamed, so a crash mid-copy never leaves a half backup that looks
 * whole. The copy is read through `source`, the open workspace's held descriptor (see workspaceLock.ts): opening and
 * closing the file by path here would release DuckDB's POSIX lock on it. Only on Windows (no descriptor) by path.
 */
export function takeBackup(workspacePath: string, source: number | undefined, now = new Date(), keep = BACKUP_KEEP, intervalMs = BACKUP_INTERVAL_MS): Backup | null {
  const existing = listBackups(workspacePath);
  if (existing[0] && now.getTime() - Date.parse(existing[0].takenAt) < intervalMs) return null;
  const dir = backupsDirFor(workspacePath);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '');
  const target = path.join(dir, `${stamp}.duckdb`);
  if (source === undefined) fs.copyFileSync(workspacePath, `${target}.partial`, fs.constants.COPYFILE_FICLONE);
  else copyFromDescriptor(source, `${target}.partial`);
  fs.renameSync(`${target}.partial`, target);
  for (const old of listBackups(workspacePath).slice(keep)) fs.rmSync(old.path, { force: true });
  return listBackups(workspacePath)[0];
}

/**
 * Restores a backup as a new workspace beside the original (never over it, so the damaged file stays for inspection):
 * `<name> (restored from <date>).duckdb`.
 */
export function restoreBackup(workspacePath: string, backupPath: string): string {
  const backups = listBackups(workspacePath);
  const chosen = backups.find((b) => path.resolve(b.path) === path.resolve(backupPath));
  if (!chosen) throw new Error(`${backupPath} is not a backup of ${workspacePath}.`);
  const base = workspacePath.replace(/\.duckdb$/i, '');
  let target = `${base} (restored from ${chosen.takenAt.slice(0, 16).replace('T', ' ').replace(':', '.')}).duckdb`;
  for (let n = 2; fs.existsSync(target); n++) target = target.replace(/( \d+)?\.duckdb$/, ` ${n}.duckdb`);
  fs.copyFileSync(chosen.path, target);
  return target;
}

/** Copies a whole file from an open descriptor (positional reads, so the descriptor's offset does not matter). */
function copyFromDescriptor(source: number, target: string): void {
  const out = fs.openSync(target, 'w');
  try {
    const buffer = Buffer.allocUnsafe(8 << 20);
    for (let position = 0; ; ) {
      const read = fs.readSync(source, buffer, 0, buffer.length, position);
      if (read === 0) break;
      fs.writeSync(out, buffer, 0, read);
      position += read;
    }
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
}
