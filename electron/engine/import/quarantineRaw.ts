import type { ImportPlan } from './plan';
import { stagedColumn } from './plan';
import { sqlString } from '../sqlText';

/** Staged column indexes the plan reads: mapped columns, and those engine-authored SQL (derived values, filters) uses. */
export function mappedColumns(plan: ImportPlan, width: number): number[] {
  const used = new Set<number>();
  const scan = (sql: string | undefined) => {
    for (const match of (sql ?? '').matchAll(/\bc(\d+)\b/g)) used.add(Number(match[1]));
  };
  for (const target of plan.targets) {
    scan(target.where);
    for (const source of Object.values(target.columns)) {
      if (!source) continue;
      if (source.from === 'column') used.add(source.index);
      else if (source.from === 'sql') {
        scan(source.sql);
        scan(source.labelSql);
      }
    }
  }
  return [...used].filter((i) => i < width).sort((a, b) => a - b);
}

/**
 * ── TRUST BOUNDARY ── What the quarantine keeps of a line that cannot be used, as SQL over the staged row `s`: a JSON
 * object of the mapped columns only, by header, as staged (person columns already hashed). An unmapped column — an
 * "Offender URN" nobody mapped — is never kept, since it was never hashed. Nothing is kept for a row whose fields may be
 * misaligned (a wrong field count, or a record that swallowed following lines through an unbalanced quote, staged
 * with a negative field count): a person identifier could sit in any column, or inside another field's text.
 */
export function quarantineRawSql(plan: ImportPlan, header: readonly string[]): string {
  const width = header.length;
  const mapped = mappedColumns(plan, width);
  if (mapped.length === 0) return 'NULL::VARCHAR';
  const object = `json_object(${mapped.map((i) => `${sqlString(header[i] || `column ${i + 1}`)}, s.${stagedColumn(i)}`).join(', ')})::VARCHAR`;
  return `CASE WHEN s.n_fields = ${width} THEN ${object} END`;
}
