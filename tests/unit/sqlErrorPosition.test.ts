import { describe, expect, it } from 'vitest';
import { sqlErrorPosition } from '../../shared/format/sqlErrorPosition';

describe('reading DuckDB error positions back to the analyst\'s text', () => {
  it('finds the column on the first line', () => {
    const sql = 'SELECT nme FROM crimes';
    const message = 'Binder Error: Referenced column "nme" not found in FROM clause!\nCandidate bindings: "recorded_date"\n\nLINE 1: SELECT nme FROM crimes\n               ^';
    expect(sqlErrorPosition(message, sql)).toEqual({ line: 1, column: 8, offset: 7 });
  });

  it('counts earlier lines into the offset', () => {
    const sql = 'SELECT id,\n  ward_code\nFROM crimes\nWHERE nosuch = 1';
    const message = 'Binder Error: Referenced column "nosuch" not found in FROM clause!\n\nLINE 4: WHERE nosuch = 1\n              ^';
    const position = sqlErrorPosition(message, sql)!;
    expect(position).toMatchObject({ line: 4, column: 7 });
    expect(sql.slice(position.offset, position.offset + 6)).toBe('nosuch');
  });

  it('handles the excerpt DuckDB cuts from a long line', () => {
    const sql = `SELECT ${Array.from({ length: 30 }, (_, i) => `c${i}`).join(', ')}, missing_col, d FROM t`;
    const excerpt = sql.slice(sql.indexOf('c25'), sql.indexOf('c25') + 40);
    const caretAt = `LINE 1: ...`.length + excerpt.indexOf('missing_col');
    const message = `Binder Error: x\n\nLINE 1: ...${excerpt}...\n${' '.repeat(caretAt)}^`;
    const position = sqlErrorPosition(message, sql)!;
    expect(sql.slice(position.offset, position.offset + 11)).toBe('missing_col');
  });

  it('gives null when there is no position, or it does not fit the text', () => {
    expect(sqlErrorPosition('Parser Error: syntax error at end of input', 'SELECT 1 +')).toBeNull();
    expect(sqlErrorPosition('X\n\nLINE 9: SELECT 1\n        ^', 'SELECT 1')).toBeNull();
  });

  it('handles Windows line endings', () => {
    const sql = 'SELECT 1,\r\n  oops FROM t';
    const position = sqlErrorPosition('E\n\nLINE 2:   oops FROM t\n          ^', sql)!;
    expect(sql.slice(position.offset, position.offset + 4)).toBe('oops');
  });
});
