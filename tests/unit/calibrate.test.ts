import { describe, expect, it } from 'vitest';
import { allocate, apportion, percentInterval, rateInterval, roundTo } from '../../sample-data/generator/calibrate';
import { Random } from '../../sample-data/generator/random';

describe('calibration arithmetic', () => {
  it('finds exactly the counts whose rate rounds to the published figure', () => {
    const { lo, hi } = rateInterval(58.8, 103965);
    for (let c = lo - 3; c <= hi + 3; c++) expect(roundTo((c / 103965) * 1000, 1) === 58.8, String(c)).toBe(c >= lo && c <= hi);
    expect(rateInterval(21.7, 103965)).toEqual({ lo: 2251, hi: 2261 });
    expect(rateInterval(0, 5000)).toEqual({ lo: 0, hi: 0 });
    expect(percentInterval(21, 1000)).toEqual({ lo: 205, hi: 214 });
    expect(() => rateInterval(0.1, 100)).toThrow(/No whole count/);
  });

  it('allocates parts within their ranges to a total, or says it cannot', () => {
    const parts = [{ lo: 37, hi: 46 }, { lo: 6, hi: 15 }];
    const counts = allocate([41.6, 10.4], parts, { lo: 37, hi: 46 });
    expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(37);
    expect(counts[0] + counts[1]).toBeLessThanOrEqual(46);
    counts.forEach((c, i) => expect(c >= parts[i].lo && c <= parts[i].hi).toBe(true));
    expect(() => allocate([1, 1], [{ lo: 0, hi: 1 }, { lo: 0, hi: 1 }], { lo: 5, hi: 6 })).toThrow(/cannot sum/);
  });

  it('apportions exactly, by largest remainder', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(103965, [5, 3, 2]).reduce((a, b) => a + b)).toBe(103965);
  });

  it('draws the same numbers from the same seed', () => {
    const a = new Random(2019);
    const b = new Random(2019);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new Random(1).next()).not.toBe(new Random(2).next());
  });
});
