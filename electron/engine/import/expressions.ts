import type { CanonicalColumn } from '../../../shared/datasets/columns';
import { sqlString } from '../sqlText';
import type { ColumnSource, ImportPlan } from './plan';
import { stagedColumn } from './plan';

/** The raw text of a source, as staged (constants become literals). */
export function rawSql(source: ColumnSource | undefined): string {
  if (!source) return 'NULL::VARCHAR';
  if (source.from === 'column') return stagedColumn(source.index);
  if (source.from === 'constant') return sqlString(source.value);
  return `(${source.sql})`;
}

export function sourceLabel(source: ColumnSource): string {
  return source.from === 'column' ? source.header : source.from === 'constant' ? 'constant' : source.label;
}

/** The source's label as SQL: a literal, or a per-row expression where rows came from different columns. */
export function labelSql(source: ColumnSource): string {
  return source.from === 'sql' && source.labelSql ? source.labelSql : sqlString(sourceLabel(source));
}

/** SQL twin of shared matchKey(): case, spacing, punctuation and &/and ignored. Kept in step by a unit test. */
export const matchKeySql = (raw: string) =>
  `trim(regexp_replace(replace(lower(${raw}), '&', ' and '), '[^a-z0-9]+', ' ', 'g'))`;

/**
 * DuckDB's trim(), skipped where it cannot change the text: trim() removes only Unicode space separators, and in
 * pure-ASCII text (byte length = character length) the only one is the space, so text that neither starts nor ends
 * with a space is already trimmed. trim() decodes and copies every value (0.24 s per million police.uk Crime IDs,
 * measured); these checks do not (0.03 s), and the result is the same.
 */
export const trimmedSql = (raw: string) =>
  `CASE WHEN NOT (starts_with(${raw}, ' ') OR ends_with(${raw}, ' ')) AND strlen(${raw}) = length(${raw}) THEN ${raw} ELSE trim(${raw}) END`;

/** Trimmed text, with empty meaning missing. */
export const cleaned = (raw: string) => `NULLIF(${trimmedSql(raw)}, '')`;

/**
 * Excel stores dates as days since 30 December 1899 (a date format only changes how they look); a sheet or a CSV saved
 * from one may carry them as bare numbers. Whole days up to the year 9999 are accepted, with a fraction for the time.
 */
const excelSerial = (raw: string) =>
  `CASE WHEN regexp_full_match(${cleaned(raw)}, '[0-9]{1,7}(\\.[0-9]+)?') AND TRY_CAST(${cleaned(raw)} AS DOUBLE) BETWEEN 1 AND 2958465
     THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(TRY_CAST(${cleaned(raw)} AS DOUBLE) * 86400000000) AS BIGINT)) END`;

/** Numbers as people write them in spreadsheets: "1,945" and " 12 " are numbers. */
const numeric = (raw: string) => `replace(${cleaned(raw)}, ',', '')`;

const list = (values: readonly string[]) => `[${values.map((v) => sqlString(v.toLowerCase())).join(', ')}]`;

/** The typed value of a canonical column; NULL where the text is missing or does not parse. */
export function typedSql(column: CanonicalColumn, source: ColumnSource | undefined, plan: ImportPlan): string {
  const raw = rawSql(source);
  switch (column.kind) {
    case 'text':
      // Values from a fixed list are matched ignoring case and stored in the list's own spelling.
      return column.values
        ? `CASE lower(${cleaned(raw)}) ${column.values.map((v) => `WHEN ${sqlString(v.toLowerCase())} THEN ${sqlString(v)}`).join(' ')} END`
        : cleaned(raw);
    case 'person':
      return cleaned(raw);
    case 'code':
      return `upper(${cleaned(raw)})`;
    case 'integer':
      return `TRY_CAST(${numeric(raw)} AS BIGINT)`;
    case 'number':
      return `TRY_CAST(${numeric(raw)} AS DOUBLE)`;
    case 'date':
      // The file's format, then ISO (cells from workbooks and Parquet arrive as ISO text), then an Excel serial number.
      return `coalesce(TRY_CAST(try_strptime(${cleaned(raw)}, ${sqlString(plan.dateFormat ?? '%Y-%m-%d')}) AS DATE),
        TRY_CAST(try_strptime(${cleaned(raw)}, '%Y-%m-%d') AS DATE), CAST(${excelSerial(raw)} AS DATE))`;
    case 'timestamp':
      return `coalesce(try_strptime(${cleaned(raw)}, ${sqlString(plan.timestampFormat ?? '%Y-%m-%d %H:%M:%S')}),
        try_strptime(${cleaned(raw)}, '%Y-%m-%d %H:%M:%S'), ${excelSerial(raw)})`;
    case 'flag': {
      const value = `lower(coalesce(trim(${raw}), ''))`;
      return `CASE WHEN list_contains(${list(plan.trueValues)}, ${value}) THEN true WHEN list_contains(${list(plan.falseValues)}, ${value}) THEN false END`;
    }
  }
}

/**
 * Why a row cannot be used because of this column, or NULL. Written as SQL so the whole file is checked in one
 * vectorised pass; `typed` is the column's typed value computed alongside.
 */
export function reasonSql(column: CanonicalColumn, source: ColumnSource | undefined, plan: ImportPlan, typed: string): string | undefined {
  if (!source) return undefined;
  const raw = rawSql(source);
  const shown = `'"' || left(trim(${raw}), 60) || '"'`;
  const name = sqlString(column.name);
  const present = `${cleaned(raw)} IS NOT NULL`;
  const checks: string[] = [];
  if (column.required) checks.push(`WHEN NOT (${present}) THEN ${name} || ' is missing'`);
  const expectation: Partial<Record<CanonicalColumn['kind'], string>> = {
    date: `is not a date in the form ${plan.dateFormat ?? '%Y-%m-%d'}`,
    timestamp: `is not a date and time in the form ${plan.timestampFormat ?? '%Y-%m-%d %H:%M:%S'}`,
    integer: 'is not a whole number',
    number: 'is not a number',
    flag: `is not one of ${[...plan.trueValues, ...plan.falseValues].filter((v) => v !== '').join('/')}`,
  };
  const expected = expectation[column.kind];
  if (expected) {
    const bad = column.kind === 'flag' ? `${typed} IS NULL` : `${present} AND ${typed} IS NULL`;
    checks.push(`WHEN ${bad} THEN ${name} || ' ' || ${shown} || ' ' || ${sqlString(expected)}`);
  }
  if (column.range) {
    const [min, max] = column.range;
    checks.push(`WHEN ${typed} NOT BETWEEN ${min} AND ${max} THEN ${name} || ' ' || ${shown} || ${sqlString(` is outside ${min}–${max}`)}`);
  }
  if (column.values) {
    checks.push(`WHEN ${present} AND ${typed} IS NULL THEN ${name} || ' ' || ${shown} || ${sqlString(` is not one of ${column.values.join(', ')}`)}`);
  }
  return checks.length ? `CASE ${checks.join(' ')} END` : undefined;
}
