import { describe, expect, it } from 'vitest';
import { packValue } from '../../electron/engine/exports/packTable';
import { analyses } from '../../shared/analyses/registry';
import { presentValue } from '../../shared/format/present';

describe('numbers a board reader sees', () => {
  it('prints a whole-number column whole, a rate ratio to two places and a p-value to three', () => {
    expect(packValue(9, 'number', 'districts', 0)).toBe('9');
    expect(packValue('3', 'number', 'rank', 0)).toBe('3');
    expect(packValue(1.0834, 'number', 'rate_ratio', 2)).toBe('1.08');
    expect(packValue(0.0312, 'number', 'p_value', 3)).toBe('0.031');
    // Too small for its precision: said as such, never "0.000" (which reads as no chance at all).
    expect(packValue(0.00002, 'number', 'p_value', 3)).toBe('<0.001');
    expect(packValue(0, 'number', 'p_value', 3)).toBe('0.000');
    // Without declared decimals, the kind's default: other numbers to one place, correlations to two.
    expect(packValue(12.46, 'number', 'rolling_mean_12')).toBe('12.5');
    expect(packValue(-0.612, 'number', 'pearson_r')).toBe('-0.61');
  });

  it('says Yes or No for a yes/no column, in the pack and in the app', () => {
    expect(packValue(true, 'flag', 'is_area')).toBe('Yes');
    expect(packValue(false, 'flag', 'is_area')).toBe('No');
    expect(presentValue(true, 'flag')).toBe('Yes');
    // A dataset's booleans (no metadata, shown as text) stay as SQL writes them.
    expect(presentValue(true, 'text')).toBe('true');
  });

  it('declares the precision of every rank, tally, grade and rate ratio in the library', () => {
    const undeclared = analyses.flatMap((a) =>
      a.columns
        .filter((c) => c.format === 'number' && /^(rank|districts|measures_\w+|rate_ratio|ratio_lower|ratio_upper|p_value|phase|individual_harm|community_harm|likelihood|public_expectation|organisational_position)$/.test(c.name))
        .filter((c) => c.decimals === undefined)
        .map((c) => `${a.id}.${c.name}`),
    );
    expect(undeclared).toEqual([]);
    const ranks = analyses.flatMap((a) => a.columns.filter((c) => c.name === 'rank' || c.name === 'districts'));
    expect(ranks.length).toBeGreaterThan(5);
    expect(ranks.every((c) => c.decimals === 0)).toBe(true);
  });
});
