/** Where in the analyst's text DuckDB says the error is: 1-based line and column, and the offset into the text. */
export interface SqlErrorPosition {
  line: number;
  column: number;
  offset: number;
}

/**
 * Reads DuckDB's error context ("LINE 4: WHERE nosuch = 1" and a caret line under it) back to a position in the SQL
 * the analyst wrote. DuckDB trims long lines to an excerpt with "..." at either end, so the excerpt is found in the
 * line rather than assumed to start at column 1. Null when the message carries no position.
 */
export function sqlErrorPosition(message: string, sql: string): SqlErrorPosition | null {
  const match = /\nLINE (\d+): ([^\n]*)\n( *)\^/.exec(message);
  if (!match) return null;
  const line = Number(match[1]);
  const prefix = `LINE ${match[1]}: `.length;
  let excerpt = match[2];
  let caret = match[3].length - prefix;
  const lines = sql.split('\n');
  if (line < 1 || line > lines.length || caret < 0) return null;
  if (excerpt.startsWith('...')) {
    excerpt = excerpt.slice(3);
    caret -= 3;
  }
  if (excerpt.endsWith('...')) excerpt = excerpt.slice(0, -3);
  const text = lines[line - 1].replace(/\r$/, '');
  const start = Math.max(0, text.indexOf(excerpt));
  const column = Math.min(text.length, start + Math.max(0, caret)) + 1;
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return { line, column, offset };
}
