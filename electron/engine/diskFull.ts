/**
 * A full disk, reported as one: DuckDB says "IO Error: Could not write file "<f>": No space left on device", Node's
 * fs says ENOSPC (or EDQUOT for a quota). Either way the step that hit it was rolled back or its partial file removed
 * (DuckDB's transaction, writeWhole's temporary file), so the message can promise that nothing was changed.
 */
const noSpace = /No space left on device|Disk quota exceeded|\bENOSPC\b|\bEDQUOT\b/;

export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  return noSpace.test(error instanceof Error ? error.message : String(error));
}

/** The message an analyst acts on: which file could not be written, that nothing changed, and what to do. */
export function diskFullMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const file = (error as NodeJS.ErrnoException | undefined)?.path ?? /Could not write file "([^"]+)"/.exec(message)?.[1];
  const where = file ? ` (writing ${file})` : '';
  return `The disk is full${where}. Nothing was changed: the workspace and any earlier export are as they were before this step. Free some space on that disk, or choose a folder on another disk, and try again.`;
}
