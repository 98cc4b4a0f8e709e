import type { JsonValue } from '../contracts/common';
import { shortDateTime } from './dates';

export type ColumnFormat = 'text' | 'count' | 'rate' | 'percent' | 'number' | 'date' | 'flag';

/**
 * How a value is shown: results are unrounded numbers; rounding is presentation. Rates and percentages to one
 * decimal place as the assessment prints them, counts with thousands separators, other numbers to three decimals.
 */
export function presentValue(value: JsonValue | undefined, format: ColumnFormat): string {
  if (value === null || value === undefined || value === '') return '';
  // A yes/no flag of a result (a district "in the area") reads as words; a dataset's booleans stay true/false as SQL has them.
  if (typeof value === 'boolean' && format === 'flag') return value ? 'Yes' : 'No';
  const n = typeof value === 'number' ? value : Number(value);
  switch (format) {
    case 'count':
      return Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: 0 }) : String(value);
    case 'rate':
      return Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : String(value);
    case 'percent':
      return Number.isFinite(n) ? `${n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%` : String(value);
    case 'number':
      return Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: 3 }) : String(value);
    case 'date':
      return typeof value === 'string' ? shortDateTime(value) : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The key colour class for comparison and flag cells, as the assessment's key uses them (text always shown too). */
export function keyClass(value: JsonValue | undefined): string | undefined {
  switch (value) {
    case 'Higher':
    case 'Significantly above average':
      return 'key-high';
    case 'Above average':
      return 'key-above';
    case 'Lower':
      return 'key-low';
    case 'Similar':
      return 'key-similar';
    default:
      return undefined;
  }
}
