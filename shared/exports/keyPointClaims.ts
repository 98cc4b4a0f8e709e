/**
 * What a key point claims about its table, so that the checker can hold every comparative word to the numbers. Rows
 * are indexes into the section's (suppressed) result rows; columns are the analysis's output columns.
 */
export type Claim =
  /** "higher than", "lower than", "similar to": the value against another cell, by the significance test named. */
  | { type: 'compare'; word: 'higher' | 'lower' | 'similar'; row: number; column: string; against: { row: number; column: string }; test: { verdict: string } | { lower: string; upper: string } }
  /** "highest", "lowest", "largest": the row's value against every visible member in `among` (the largest fall: the least). */
  | { type: 'rank'; word: 'highest' | 'lowest' | 'largest'; row: number; column: string; among: number[]; falls?: boolean }
  /** "rose", "fell": the sign of a change (a cell, or the difference from the row `from`). */
  | { type: 'change'; word: 'rose' | 'fell' | 'unchanged'; row: number; column: string; from?: number }
  /** "strong negative correlation": the sign and size of r, a cell or computed from the visible ward values. */
  | { type: 'correlation'; words: ('positive' | 'negative' | 'strong' | 'moderate' | 'weak')[]; r: number; row?: number; column?: string; n: number; measures?: [string, string] }
  /** "above the ward average": exactly these rows of `among` carry this flag. */
  | { type: 'flag'; word: 'above'; rows: number[]; column: string; values: string[]; among: number[] }
  /** "over-represented": an index against its reference (100 = in proportion). */
  | { type: 'index'; word: 'over-represented' | 'under-represented'; row: number; column: string; reference: number }
  /** A figure computed from visible cells: their sum. */
  | { type: 'sum'; rows: number[]; column: string };

export interface KeyPoint {
  text: string;
  claims: Claim[];
}

/** Words that compare: each one in a key point must be backed by a claim that the checker verifies. */
export const comparativeWords = [
  'higher',
  'lower',
  'similar',
  'rose',
  'fell',
  'unchanged',
  'highest',
  'lowest',
  'largest',
  'smallest',
  'above',
  'below',
  'over-represented',
  'under-represented',
  'positive',
  'negative',
  'strong',
  'moderate',
  'weak',
  'rise',
  'rises',
  'fall',
  'falls',
  'increase',
  'increased',
  'decrease',
  'decreased',
] as const;

export const claimWords = (claim: Claim): string[] => {
  switch (claim.type) {
    case 'correlation':
      return claim.words;
    case 'sum':
      return [];
    default:
      return [claim.word];
  }
};
