/** Quotes an identifier the engine has already checked against an allow-list of known names. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
