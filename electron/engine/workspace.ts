import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, version, type DuckDBConnection } from '@duckdb/node-api';
import { listBackups, takeBackup } from './backups';
import { EngineError } from './errors';
import { applyLockdown, instanceOptions } from './lockdown';
import { refuseForeignObjects } from './foreignObjects';
import { claimInProcess, holdFile, inUse, isLockConflict } from './workspaceLock';
import { workspaceMemoryLimit } from './memoryLimit';
import { queryTimeLimitMs, tempSpaceLimit } from './queryLimits';
import { registerStatsFunctions } from './statsFunctions';

export interface WorkspaceOptions {
  /** DuckDB memory limit, e.g. "4GB" (else CSW_MEMORY_LIMIT, else DuckDB's default); it spills beyond it. */
  memoryLimit?: string;
  /** Time limit for user SQL and analyses, in ms (else CSW_QUERY_TIME_LIMIT, else five minutes). */
  queryTimeLimitMs?: number;
  /** Most DuckDB may spill to `<name>.duckdb.tmp/`, e.g. "20GB" (else CSW_TEMP_LIMIT, else half the free disk). */
  tempLimit?: string;
  /** Rolling backups on opening (default on): how many to keep and how often to take one. */
  backups?: { keep: number; intervalMs: number } | false;
}

/** In-memory catalogue for materialised query results: pageable from any connection, never written to the file. */
export const RESULTS_DB = 'csw_results';

export interface Workspace {
  readonly path: string;
  readonly name: string;
  /** `<workspace>.files/`: the only directory DuckDB may touch; imports and exports are staged here. */
  readonly filesDir: string;
  readonly duckdbVersion: string;
  /** How long a user query or analysis may run before it is stopped. */
  readonly queryTimeLimitMs: number;
  /** A fresh connection: cheap in DuckDB, and each long operation gets its own so Cancel interrupts only it. */
  connect(): Promise<DuckDBConnection>;
  /** Runs `work` on a short-lived connection and always closes it. */
  withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  close(): void;
}

/** A workspace DuckDB cannot open: say so plainly, and point to the newest backup if there is one. */
function damaged(workspacePath: string, error: Error): EngineError {
  const cause = error.message.split('\n')[0].slice(0, 300);
  const [latest] = listBackups(workspacePath);
  const offer = latest
    ? ` The newest backup was taken ${latest.takenAt.slice(0, 16).replace('T', ' ')} UTC: open a copy of it from the workspace dialog.`
    : ' There is no backup of it.';
  return new EngineError('damaged', `${path.basename(workspacePath)} cannot be opened: the file is damaged or is not a workspace (DuckDB: ${cause}).${offer}`);
}

/** DuckDB's spill folder for a workspace (its default temp_directory): `<name>.duckdb.tmp/`. */
export const spillDirFor = (workspacePath: string) => `${workspacePath}.tmp`;

function clearSpillFolder(workspacePath: string): void {
  const dir = spillDirFor(workspacePath);
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
}

export function filesDirFor(workspacePath: string): string {
  return workspacePath.replace(/\.duckdb$/i, '') + '.files';
}

/** Opens (or creates) a workspace file and locks DuckDB down before any other SQL runs. */
export async function openWorkspace(workspacePath: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  const absolute = path.resolve(workspacePath);
  const filesDir = filesDirFor(absolute);
  const memoryLimit = workspaceMemoryLimit(options.memoryLimit);
  const timeLimitMs = queryTimeLimitMs(options.queryTimeLimitMs);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.mkdirSync(filesDir, { recursive: true });
  const tempLimit = tempSpaceLimit(options.tempLimit, path.dirname(absolute));

  const existed = fs.existsSync(absolute) && fs.statSync(absolute).size > 0;
  const releaseClaim = claimInProcess(absolute);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(absolute, instanceOptions);
  } catch (error) {
    releaseClaim();
    if (isLockConflict(error as Error)) throw inUse(absolute);
    throw existed ? damaged(absolute, error as Error) : error;
  }
  // From here until close, this process never opens the file by path: see workspaceLock.ts.
  const held = holdFile(absolute);
  let closed = false;
  const closeAll = () => {
    if (closed) return;
    closed = true;
    instance.closeSync();
    held.release();
    releaseClaim();
  };
  const setup = await instance.connect();
  try {
    // Before any other SQL: a crafted file's macros would otherwise stand in for built-ins the engine calls.
    if (existed) await refuseForeignObjects(setup, absolute);
    // Spill files a crash left behind (raw rows of an interrupted import may be among them): this process now holds
    // the workspace, so none of them is in use.
    clearSpillFolder(absolute);
    // Attached before the lock: ATTACH of ':memory:' needs no file access, and results must never reach the file.
    await setup.run(`ATTACH ':memory:' AS ${RESULTS_DB}`);
    registerStatsFunctions(setup);
    await applyLockdown(setup, filesDir, memoryLimit, tempLimit);
    if (existed && options.backups !== false) {
      // The write-ahead log is folded into the file first, so the copy is the whole workspace as it opened.
      await setup.run('CHECKPOINT');
      takeBackup(absolute, held.fd, new Date(), options.backups?.keep, options.backups?.intervalMs);
    }
    setup.closeSync();
  } catch (error) {
    setup.closeSync();
    closeAll();
    throw error;
  }

  const connect = () => instance.connect();
  return {
    path: absolute,
    name: path.basename(absolute).replace(/\.duckdb$/i, ''),
    filesDir,
    duckdbVersion: version(),
    queryTimeLimitMs: timeLimitMs,
    connect,
    async withConnection(work) {
      const connection = await connect();
      try {
        return await work(connection);
      } finally {
        connection.closeSync();
      }
    },
    close: closeAll,
  };
}
