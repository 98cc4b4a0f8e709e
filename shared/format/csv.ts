/** One CSV record (RFC 4180): fields with a comma, quote, CR or LF are quoted, quotes doubled. */
export function csvRecord(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A text cell made safe to open in a spreadsheet: one starting with =, +, -, @, tab or carriage return would be read as
 * a formula by Excel, so it gets a leading apostrophe, which Excel shows as text (OWASP's advice for CSV injection).
 * Only text is touched; numbers, including negative ones, are written as they are.
 */
export function spreadsheetSafe(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
