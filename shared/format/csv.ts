/** One CSV record (RFC 4180): fields with a comma, quote, CR or LF are quoted, quotes doubled. */
export function csvRecord(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
