import type { JsonValue } from '../contracts/common';

const numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL\(\d+,\d+\)|FLOAT|DOUBLE)$/;

export const isNumericType = (type: string): boolean => numericType.test(type);

/**
 * For machine-readable output (CLI JSON): BIGINT and DECIMAL travel as exact strings; turn them into JSON numbers when
 * that loses nothing, and keep the string when the value is beyond a double's exact range.
 */
export function toJsonNumber(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (/^-?\d+$/.test(value) && !Number.isSafeInteger(n)) return value;
  return n;
}
