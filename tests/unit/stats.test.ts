import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, proportionLower, proportionUpper, rateLower, rateUpper } from '../../shared/stats/limits';
import { normalQuantile } from '../../shared/stats/normal';

const reference = fs
  .readFileSync(path.join(__dirname, '..', 'fixtures', 'phe-reference-limits.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));

const close = (actual: number, expected: number) => {
  const scale = Math.max(1e-300, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThan(1e-12);
};

describe('Fingertips confidence limits, against SciPy', () => {
  it.each(reference.filter((r) => r[0] === 'rate'))('rate: count %s of %s per %s at %s', (_k, x, n, per, confidence, lower, upper) => {
    close(rateLower(Number(x), Number(n), Number(per), Number(confidence)), Number(lower));
    close(rateUpper(Number(x), Number(n), Number(per), Number(confidence)), Number(upper));
  });

  it.each(reference.filter((r) => r[0] === 'prop'))('proportion: %s of %s at %s', (_k, x, n, _per, confidence, lower, upper) => {
    close(proportionLower(Number(x), Number(n), Number(confidence)), Number(lower));
    close(proportionUpper(Number(x), Number(n), Number(confidence)), Number(upper));
  });

  it('uses the normal quantile to full precision', () => {
    close(normalQuantile(0.975), 1.959963984540054);
    close(normalQuantile(0.999), 3.090232306167813);
    close(normalQuantile(1e-10), -6.361340902404056);
  });

  it('compares as Fingertips does, and refuses a confidence outside (0, 1)', () => {
    expect(compare(50, 60, 76.1)).toBe('Lower');
    expect(compare(80, 90, 76.1)).toBe('Higher');
    expect(compare(70, 80, 76.1)).toBe('Similar');
    expect(() => rateLower(5, 100, 1000, 95)).toThrow(/between 0 and 1/);
  });
});

describe('the limits as SQL functions', () => {
  it('are available in the engine and in the locked-down user SQL path, with the same values', async () => {
    const { engineWith } = await import('../support/tempWorkspace');
    const { engine, cleanup } = await engineWith(10);
    try {
      const rows = await engine.workspace.withConnection(async (c) =>
        (await c.runAndReadAll(`SELECT rate_lower(5, 103965, 1000, 0.95), rate_upper(5, 103965, 1000, 0.95), prop_lower(96, 159, 0.95), prop_upper(96, 159, 0.998), rate_lower(NULL, 1, 1, 0.95)`)).getRows(),
      );
      const ref = (kind: string, x: string, n: string, conf: string) => reference.find((r) => r[0] === kind && r[1] === x && r[2] === n && r[4] === conf)!;
      close(rows[0][0] as number, Number(ref('rate', '5', '103965', '0.95')[5]));
      close(rows[0][1] as number, Number(ref('rate', '5', '103965', '0.95')[6]));
      close(rows[0][2] as number, Number(ref('prop', '96', '159', '0.95')[5]));
      close(rows[0][3] as number, Number(ref('prop', '96', '159', '0.998')[6]));
      expect(rows[0][4]).toBeNull();
      const user = await engine.invoke('sql.run', { sql: 'SELECT round(rate_upper(count(*), 1000, 1000, 0.95), 6) AS upper FROM crimes', operationId: 'op-stats-0001' });
      expect(user.ok).toBe(true);
      const bad = await engine.invoke('sql.run', { sql: 'SELECT rate_lower(5, 100, 1000, 95)', operationId: 'op-stats-0002' });
      expect(bad).toMatchObject({ ok: false });
      if (!bad.ok) expect(bad.error.message).toMatch(/rate_lower: confidence must be between 0 and 1, not 95/);
    } finally {
      cleanup();
    }
  });
});

describe('the switch from exact limits to Byar at 10', () => {
  it('covers the reference counts 1, 5, 9, 10, 65, 222, 999 and very large at 95% and 99.8%', () => {
    for (const confidence of ['0.95', '0.998']) {
      for (const x of ['1', '5', '9', '10', '65', '222', '999', '1000000']) {
        expect(reference.some((r) => r[0] === 'rate' && r[1] === x && r[4] === confidence), `${x} at ${confidence}`).toBe(true);
      }
    }
  });

  it('uses exact Poisson limits at 9 and Byar at 10 (the two differ there)', () => {
    const exact9 = rateLower(9, 1000, 1000, 0.95);
    const byar10 = rateLower(10, 1000, 1000, 0.95);
    // At 9 the exact lower limit is qgamma(0.025, 9); Byar's formula at 9 would give a slightly different value.
    const byar9 = (9 * (1 - 1 / 81 - 1.959963984540054 / 9) ** 3) / 1000 * 1000;
    expect(Math.abs(exact9 - byar9)).toBeGreaterThan(1e-3);
    expect(byar10).toBeCloseTo(10 * (1 - 1 / 90 - 1.959963984540054 / (3 * Math.sqrt(10))) ** 3, 12);
  });
});

describe('fingertips_compare in SQL', () => {
  it('says Higher, Similar or Lower from the area limits and the comparator value', async () => {
    const { engineWith } = await import('../support/tempWorkspace');
    const { engine, cleanup } = await engineWith(1);
    try {
      const rows = await engine.workspace.withConnection(async (c) =>
        (await c.runAndReadAll(`SELECT fingertips_compare(50, 60, 76.1), fingertips_compare(80, 90, 76.1), fingertips_compare(70, 80, 76.1), fingertips_compare(NULL, 1, 1)`)).getRows(),
      );
      expect(rows).toEqual([['Lower', 'Higher', 'Similar', null]]);
    } finally {
      cleanup();
    }
  });
});
