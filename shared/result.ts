/**
 * Every call across a transport (IPC, HTTP) returns its outcome as data. Errors thrown across Electron IPC lose
 * everything but their message, so the code travels explicitly.
 */
export const errorCodes = [
  'invalid_input', // the payload failed its schema
  'unknown_channel', // no such channel in the contract
  'forbidden', // the sender is not the app's own page
  'not_found', // a named dataset, result or operation does not exist
  'sql_error', // DuckDB rejected the statement (syntax, binder, permission)
  'not_allowed', // the statement is of a kind user SQL may not run
  'cancelled', // the user cancelled the operation
  'limit_reached', // a query hit its time limit or the cap on temporary disk space
  'disk_full', // the disk ran out of space; the step was undone, nothing changed
  'unsupported', // this host cannot do it (e.g. a native file dialog in a browser)
  'damaged', // the workspace file is damaged or not a workspace; a backup may be offered
  'in_use', // the workspace is open in another window or process; no backup is offered, the file is fine
  'internal', // a bug: the engine broke its own contract
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
