import type { ApiError, ErrorCode } from '../../shared/result';
import { diskFullMessage, isDiskFull } from './diskFull';

/** An error the user can act on; its message is shown as is, so it says what went wrong and what to do. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** DuckDB names the error class ("Parser Error: …"); node-api may prefix it ("Failed to extract statements: "). */
const duckdbError =
  /\b(Parser|Binder|Catalog|Conversion|Invalid Input|Permission|Constraint|Out of Range|Not implemented|Dependency|Invalid type|Syntax|Type Mismatch|Sequence) Error: [\s\S]*/;

const permissionHint =
  ' (User SQL can read only the data in this workspace: bring files in with Import and take results out with Export.)';

export function toApiError(error: unknown): ApiError {
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  if (isDiskFull(error)) return { code: 'disk_full', message: diskFullMessage(error) };
  if (/INTERRUPT Error/.test(message)) return { code: 'cancelled', message: 'The operation was cancelled.' };
  if (/max_temp_directory_size/.test(message)) return { code: 'limit_reached', message: tempSpaceMessage(message) };
  const sql = duckdbError.exec(message);
  if (sql) {
    const hint = sql[1] === 'Permission' ? permissionHint : '';
    return { code: 'sql_error', message: `${sql[0].trim()}${hint}` };
  }
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** DuckDB's spill cap was reached: say what happened and what the analyst can change, not DuckDB's tuning advice. */
function tempSpaceMessage(message: string): string {
  const cap = /\/\s*([\d.]+\s*[KMGT]i?B) used\)/.exec(message)?.[1];
  return `The query needed more temporary disk space than the workspace may use${cap ? ` (${cap})` : ''}: beyond its memory limit DuckDB spills to <workspace>.duckdb.tmp/, and that is capped so a query cannot fill the disk. Narrow the query down, or raise the memory limit (CSW_MEMORY_LIMIT) or the cap (CSW_TEMP_LIMIT).`;
}
