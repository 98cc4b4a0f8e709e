import type { KeyPointContext } from './keyPoints';

/**
 * Whom a rate is of, from its column's unit: "per residents under 18" → "residents under 18". Rates of the whole
 * resident population say only "per 1,000"; a youth rate must not read as if it were of every resident.
 */
export const ratePopulation = (unit: string | undefined): string | undefined => /^per (residents .+)$/.exec(unit ?? '')?.[1];

/** "per 1,000" (the analysis's `per`), with whom the rate is of when its unit names them. */
export function perText(context: KeyPointContext, unit?: string): string {
  const of = ratePopulation(unit);
  return `per ${(context.per ?? (Number(context.parameters?.per) || 1000)).toLocaleString('en-GB')}${of ? ` ${of}` : ''}`;
}
