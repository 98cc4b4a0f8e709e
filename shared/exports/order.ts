import type { JsonValue } from '../contracts/common';

/**
 * The order an export with hidden cells is published in, as a permutation of the rows: the groups of the leading
 * columns stay together in the order they first come (offence group, level), and rows within a group that holds a
 * hidden cell are sorted by the last column (the ward's or category's name). An analysis that ranks rows by a count
 * or rate would otherwise give away where each hidden value lies — with the total, often exactly. A group with
 * nothing hidden keeps the analysis's own order (its ranking gives away nothing not already shown). The sort is
 * stable, so equal names keep the analysis's order, and it never reads a value that could be hidden.
 */
export function publicationOrder(rows: Record<string, JsonValue>[], order: string[], hiddenRows: ReadonlySet<number>): number[] {
  const keys = order.slice(0, -1);
  const last = order[order.length - 1];
  const groupRank = new Map<string, number>();
  const groupOf = rows.map((row) => {
    const key = JSON.stringify(keys.map((c) => row[c] ?? null));
    if (!groupRank.has(key)) groupRank.set(key, groupRank.size);
    return groupRank.get(key)!;
  });
  const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
  const name = (value: JsonValue | undefined) => (value === null || value === undefined ? '' : String(value));
  const withHidden = new Set([...hiddenRows].map((row) => groupOf[row]));
  return rows
    .map((_, i) => i)
    .sort((a, b) => groupOf[a] - groupOf[b] || (withHidden.has(groupOf[a]) ? collator.compare(name(rows[a][last]), name(rows[b][last])) : 0) || a - b);
}
