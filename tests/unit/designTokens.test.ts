import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagColour, wardFlags } from '../../shared/charts/flags';
import { keyColours } from '../../shared/charts/theme';

const tokens = fs.readFileSync(path.resolve(__dirname, '..', '..', 'renderer', 'src', 'design', 'tokens.css'), 'utf8');
const token = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(tokens)?.[1]?.toUpperCase();

describe('one key for tables, charts and maps', () => {
  it('colours result tables with the same key colours the charts draw', () => {
    expect(token('key-higher')).toBe(keyColours.Higher.toUpperCase());
    expect(token('key-lower')).toBe(keyColours.Lower.toUpperCase());
    expect(token('key-similar')).toBe(keyColours.Similar.toUpperCase());
    expect(token('key-above')).toBe(keyColours['Above average'].toUpperCase());
    expect(token('key-higher')).toBe(keyColours['Significantly above average'].toUpperCase());
  });

  it('gives the ward ranking and the ward map one flag key, from the tokens', () => {
    const tokenFor = { 'Significantly above average': 'key-higher', 'Above average': 'key-above', 'Not flagged': 'key-not-flagged' };
    for (const flag of wardFlags) expect(flagColour(flag, {}).toUpperCase(), flag).toBe(token(tokenFor[flag]));
  });

  it('styles every key cell from the tokens, not from colours of its own', () => {
    const styles = fs.readFileSync(path.resolve(__dirname, '..', '..', 'renderer', 'src', 'styles.css'), 'utf8');
    for (const cls of ['key-high', 'key-above', 'key-low', 'key-similar']) {
      const rule = new RegExp(`\\.${cls} \\{([^}]*)\\}`).exec(styles)?.[1] ?? '';
      expect(rule, cls).toMatch(/var\(--key-/);
      expect(rule, cls).not.toMatch(/#[0-9a-fA-F]{3,6}/);
    }
  });
});
