import type { DuckDBConnection } from '@duckdb/node-api';
import type { ErrorCode } from '../../shared/result';
import { toApiError } from './errors';
import type { Workspace } from './workspace';

export type AuditAction = 'import' | 'import-check' | 'remove-import' | 'analysis' | 'query' | 'export' | 'save-analysis' | 'save-profile' | 'save-chart' | 'save-priorities' | 'repair';
export type AuditOutcome = 'done' | 'failed' | 'cancelled';

/**
 * The workspace's audit log (csw_meta.audit): what was imported, run and exported, when, with which parameters, and how
 * it ended. It records what was done, never the data: queries by their text, exports by their destination and rows.
 * Written on its own connection after the operation, so an operation's rollback never takes its record with it.
 */
export async function recordAudit(
  workspace: Workspace,
  entry: { action: AuditAction; subject: string; detail?: Record<string, unknown>; outcome: AuditOutcome; message?: string },
): Promise<void> {
  await workspace
    .withConnection((connection) =>
      connection.run('INSERT INTO csw_meta.audit VALUES (now()::TIMESTAMP, ?, ?, ?, ?, ?)', [
        entry.action,
        entry.subject.slice(0, 500),
        JSON.stringify(entry.detail ?? {}),
        entry.outcome,
        entry.message?.slice(0, 1000) ?? null,
      ] as string[]),
    )
    // The log must never turn a finished operation into a failed one; a write failure is reported on stderr only.
    .catch((error: Error) => process.stderr.write(`audit: could not record ${entry.action}: ${error.message}\n`));
}

/** Runs `work` and records how it ended: done, failed (with the message) or cancelled. */
export async function audited<T>(
  workspace: Workspace,
  entry: { action: AuditAction; subject: string; detail?: Record<string, unknown> },
  work: () => Promise<T>,
  describe: (value: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  try {
    const value = await work();
    await recordAudit(workspace, { ...entry, detail: { ...entry.detail, ...describe(value) }, outcome: 'done' });
    return value;
  } catch (error) {
    // The outcome comes from the error's code, never from its wording (a failed import of cancellations.csv failed).
    const { code, message } = toApiError(error);
    await recordAudit(workspace, { ...entry, outcome: code === 'cancelled' ? 'cancelled' : 'failed', message: auditMessage(entry.action, code, message) });
    throw error;
  }
}

/**
 * What the log keeps of a failure. An import's error may quote the file (a header-less extract's "columns" are its
 * first row, raw IDs and all; a JSON error quotes the text), so an import's message is kept only up to the first
 * place where it could start quoting: a quote mark or a ": " introducing a list or a cause. The analyst saw the whole
 * message when it happened.
 */
function auditMessage(action: AuditAction, code: ErrorCode, message: string): string {
  if (action !== 'import' && action !== 'import-check') return message;
  const cut = message.search(/["'\u2018\u201c]|:\s|\b[Ii]ts columns\b|\bProperties\b/);
  if (cut < 0) return message;
  return `${message.slice(0, cut).trimEnd()} [… not kept: the rest may quote the file] (${code})`;
}

export const AUDIT_COLUMNS = 'logged_at, action, subject, detail, outcome, message';

/** The audit log, newest first, into a results table for paging and export. */
export async function materialiseAudit(connection: DuckDBConnection, target: string): Promise<void> {
  await connection.run(`CREATE TABLE ${target} AS SELECT ${AUDIT_COLUMNS} FROM csw_meta.audit ORDER BY logged_at DESC, rowid DESC`);
}
