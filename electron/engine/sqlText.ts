/** Quotes an identifier the engine has already checked against an allow-list of known names. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A SQL string literal, for text that has to be written into SQL rather than bound: DuckDB takes no parameters in
 * settings, and the import writes a mapping profile's constants, yes/no words, value lists and the file's own column
 * labels into one generated statement. Those are user input (profiles are shared as files), so the escaping here is
 * what keeps a quote in them data: tests/unit/importLiterals.test.ts holds it. Prefer binding wherever DuckDB allows.
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
