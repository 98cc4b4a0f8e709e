/**
 * What a canonical column holds, which decides how a source value is parsed and checked:
 * text (trimmed, empty → null), code (an identifier: trimmed, upper-cased), date, timestamp, flag (true/false values
 * from the profile), integer, number, person (an identifier pseudonymised on import).
 */
export type ColumnKind = 'text' | 'code' | 'date' | 'timestamp' | 'flag' | 'integer' | 'number' | 'person';

export interface CanonicalColumn {
  name: string;
  kind: ColumnKind;
  /** A row without it cannot be used, so it is quarantined. */
  required?: boolean;
  /** For numbers: the range a value must lie in (inclusive). */
  range?: readonly [number, number];
  /** For text: the only values allowed (compared case-insensitively, stored as written here). */
  values?: readonly string[];
  description: string;
}

export const sqlTypeOf: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  code: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  flag: 'BOOLEAN',
  integer: 'BIGINT',
  number: 'DOUBLE',
  person: 'VARCHAR',
};
