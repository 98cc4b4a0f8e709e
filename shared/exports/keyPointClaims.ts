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
  | { type: 'sum'; rows: number[]; column: string }
  /**
   * "a significant increase", "a significant decrease", "no reliable change": a rate ratio's exact interval against 1
   * (increase when the lower limit is above 1, decrease when the upper is below, otherwise no reliable change).
   */
  | { type: 'ratio'; word: 'rose' | 'fell' | 'unchanged'; row: number; lower: string; upper: string }
  /** "above the 99.8% funnel limit", "below": the value against a limit in the same row. */
  | { type: 'limit'; word: 'above' | 'below'; row: number; column: string; limit: string }
  /**
   * "ranked 3 of 9 (1 = lowest)": the rank cell, checked against the visible values of `among` (1 + how many are
   * lower) when the rows are the ranked units, or against the lowest and highest cells of the row (`min`, `max`).
   */
  | { type: 'position'; row: number; column: string; by: string; among?: number[]; of?: string; min?: string; max?: string }
  /** An SPC signal: exactly these rows carry it, as the Making Data Count rules give it from the visible counts. */
  | { type: 'signal'; signal: string; rows: number[]; column: string; phase?: string; verdict: string }
  /** "higher", "rising" in a matrix cell: the row counts at least one measure so judged. */
  | { type: 'tally'; word: 'higher' | 'rose'; row: number; column: string };

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
  'increases',
  'decrease',
  'decreased',
  'decreases',
] as const;

export const claimWords = (claim: Claim): string[] => {
  switch (claim.type) {
    case 'correlation':
      return claim.words;
    case 'sum':
      return [];
    case 'position':
      return ['lowest'];
    case 'signal':
      return ['above', 'below'].filter((w) => claim.signal.includes(w));
    default:
      return [claim.word];
  }
};
