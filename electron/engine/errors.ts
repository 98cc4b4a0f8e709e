import type { ApiError, ErrorCode } from '../../shared/result';

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
  if (/INTERRUPT Error/.test(message)) return { code: 'cancelled', message: 'The operation was cancelled.' };
  const sql = duckdbError.exec(message);
  if (sql) {
    const hint = sql[1] === 'Permission' ? permissionHint : '';
    return { code: 'sql_error', message: `${sql[0].trim()}${hint}` };
  }
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
