/** "1 row", "1,000,000 rows": counts as a person would say them, with UK thousands separators. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}
