import { describe, expect, it } from 'vitest';
import { csvRecord, spreadsheetSafe } from '../../shared/format/csv';
import { isNumericType, toJsonNumber } from '../../shared/format/numbers';
import { toApiError, EngineError } from '../../electron/engine/errors';

describe('formatting helpers', () => {
  it('neutralises text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', 'Boney Hay', '', null, -5].map(spreadsheetSafe)).toEqual([
      '\'=HYPERLINK("x")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", 'Boney Hay', '', null, -5,
    ]);
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvRecord(['a', 'b,c', 'd"e', 'f\ng', null, 3, { x: 1 }])).toBe('a,"b,c","d""e","f\ng",,3,"{""x"":1}"');
  });
  it('turns exact numeric strings into JSON numbers only when nothing is lost', () => {
    expect(toJsonNumber('42')).toBe(42);
    expect(toJsonNumber('1.25')).toBe(1.25);
    expect(toJsonNumber('9007199254740993')).toBe('9007199254740993');
    expect(toJsonNumber('abc')).toBe('abc');
    expect(toJsonNumber(null)).toBe(null);
  });
  it('knows DuckDB numeric types', () => {
    for (const t of ['BIGINT', 'DOUBLE', 'DECIMAL(18,3)', 'INTEGER']) expect(isNumericType(t)).toBe(true);
    for (const t of ['VARCHAR', 'DATE', 'INTEGER[]', 'BOOLEAN']) expect(isNumericType(t)).toBe(false);
  });
});

describe('engine error mapping', () => {
  it('keeps user-actionable errors and classifies DuckDB ones', () => {
    expect(toApiError(new EngineError('not_found', 'No such dataset.'))).toEqual({ code: 'not_found', message: 'No such dataset.' });
    expect(toApiError(new Error('Failed to prepare: Binder Error: column "x" not found'))).toEqual({ code: 'sql_error', message: 'Binder Error: column "x" not found' });
    expect(toApiError(new Error('INTERRUPT Error: Interrupted!'))).toMatchObject({ code: 'cancelled' });
    expect(toApiError(new Error('Permission Error: Cannot access file "/x"')).message).toMatch(/only the data in this workspace/);
    expect(toApiError('boom')).toEqual({ code: 'internal', message: 'Unexpected error: boom' });
  });
});
