import { matchKey } from '../../../../shared/datasets/offenceGroups';

/** Finds a header by any of its usual spellings (compared as match keys); -1 when absent. */
export function findHeader(header: readonly string[], ...names: (string | RegExp)[]): number {
  const keys = header.map(matchKey);
  for (const name of names) {
    const index = typeof name === 'string' ? keys.indexOf(matchKey(name)) : header.findIndex((h) => name.test(h));
    if (index >= 0) return index;
  }
  return -1;
}

export const column = (header: readonly string[], index: number) => ({ from: 'column' as const, index, header: header[index] });
