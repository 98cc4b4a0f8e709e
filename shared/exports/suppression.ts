import type { AnalysisMetadata, SuppressionSpec } from '../analyses/schema';
import type { JsonValue } from '../contracts/common';

/** Small-number suppression as configured for an export: counts from 1 to threshold − 1 are hidden; 0 turns it off. */
export interface SuppressionConfig {
  threshold: number;
}
export const defaultSuppression: SuppressionConfig = { threshold: 5 };

/** Why a cell is hidden: a small count, or secondary (recoverable from totals, or calculated from a hidden count). */
export type HiddenReason = 'small' | 'secondary';

export interface SuppressedTable {
  rows: Record<string, JsonValue>[];
  /** `hidden[row][column]`, for the cells suppression removed. */
  hidden: Map<number, Map<string, HiddenReason>>;
  primary: number;
  secondary: number;
  /** The plain-English statement every export carries. */
  statement: string;
}

type Columns = Pick<AnalysisMetadata, 'columns'>['columns'];

/** What a hidden cell shows in a table: "<5" for a small count, "[c]" (the ONS mark for confidential) otherwise. */
export const hiddenMark = (reason: HiddenReason, config: SuppressionConfig): string => (reason === 'small' ? `<${config.threshold}` : '[c]');

export function suppressionStatement(config: SuppressionConfig, primary: number, secondary: number): string {
  if (config.threshold <= 1) return 'Small-number suppression was turned off for this export: every count is shown.';
  const upper = config.threshold - 1;
  if (primary + secondary === 0) return `Small-number suppression: counts from 1 to ${upper} would be shown as "<${config.threshold}"; none here needed hiding.`;
  return (
    `Small-number suppression: counts from 1 to ${upper} are shown as "<${config.threshold}" (${primary} cell${primary === 1 ? '' : 's'}). ` +
    `${secondary} further cell${secondary === 1 ? ' is' : 's are'} shown as "[c]": a second count hidden so that a small one cannot be worked out ` +
    'by subtracting from a total, or a rate or percentage calculated from a hidden count.'
  );
}

const numeric = (value: JsonValue | undefined): number | null => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
};

/**
 * Hides small counts, then whatever would give them back. Secondary suppression works on additive sets (rows that sum
 * to a total, from the analysis's metadata): while any set has exactly one hidden cell in a count column, the smallest
 * other non-zero cell of the set is hidden too, so no hidden value is the difference of published ones. Columns
 * calculated from a hidden count (its rate, limits, percentage) are hidden in the same row. Zero is shown: it is not
 * a small number of people.
 */
export function suppress(
  columns: Columns,
  rows: Record<string, JsonValue>[],
  config: SuppressionConfig,
  spec?: SuppressionSpec,
): SuppressedTable {
  const hidden = new Map<number, Map<string, HiddenReason>>();
  const hide = (row: number, column: string, reason: HiddenReason) => {
    const cells = hidden.get(row) ?? new Map<string, HiddenReason>();
    if (!cells.has(column)) cells.set(column, reason);
    hidden.set(row, cells);
  };
  const isHidden = (row: number, column: string) => hidden.get(row)?.has(column) ?? false;
  const counts = columns.filter((c) => c.format === 'count').map((c) => c.name);
  if (config.threshold > 1) {
    rows.forEach((row, index) => {
      for (const column of counts) {
        const value = numeric(row[column]);
        if (value !== null && value >= 1 && value < config.threshold) hide(index, column, 'small');
      }
    });
    const sets = additiveSets(rows, spec);
    for (let changed = true; changed; ) {
      changed = false;
      for (const column of counts) {
        for (const set of sets) {
          const hiddenHere = set.filter((r) => isHidden(r, column));
          if (hiddenHere.length !== 1) continue;
          const candidates = set
            .filter((r) => !isHidden(r, column) && (numeric(rows[r][column]) ?? 0) > 0)
            .sort((a, b) => (numeric(rows[a][column]) ?? 0) - (numeric(rows[b][column]) ?? 0));
          if (candidates.length === 0) continue;
          hide(candidates[0], column, 'secondary');
          changed = true;
        }
      }
    }
    // Rates, limits and percentages of a hidden count would give it back.
    for (const [row, cells] of hidden) {
      const hiddenCounts = [...cells.keys()];
      for (const column of columns) {
        if (column.from?.some((source) => hiddenCounts.includes(source))) hide(row, column.name, 'secondary');
      }
    }
  }
  let primary = 0;
  let secondary = 0;
  const out = rows.map((row, index) => {
    const cells = hidden.get(index);
    if (!cells) return row;
    const copy = { ...row };
    for (const [column, reason] of cells) {
      copy[column] = null;
      if (reason === 'small') primary += 1;
      else secondary += 1;
    }
    return copy;
  });
  return { rows: out, hidden, primary, secondary, statement: suppressionStatement(config, primary, secondary) };
}

/** Row indexes grouped into the sets that add up; all rows are one set when the metadata names none. */
export function additiveSets(rows: Record<string, JsonValue>[], spec?: SuppressionSpec): number[][] {
  const definitions = spec?.sets ?? [{ within: [] }];
  const sets: number[][] = [];
  for (const definition of definitions) {
    const groups = new Map<string, number[]>();
    rows.forEach((row, index) => {
      const matches = Object.entries(definition.where ?? {}).every(([column, value]) => (value === null ? row[column] === null || row[column] === '' : row[column] === value));
      if (!matches) return;
      const key = JSON.stringify(definition.within.map((column) => row[column] ?? null));
      groups.set(key, [...(groups.get(key) ?? []), index]);
    });
    for (const members of groups.values()) if (members.length > 1) sets.push(members);
  }
  return sets;
}
