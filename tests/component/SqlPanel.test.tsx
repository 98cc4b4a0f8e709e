import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/result';
import { renderWorkbench, withoutLayout } from './workbench';

withoutLayout();
afterEach(cleanup);

const header = { view: 'sql' as const, area: 'E07000194', from: '2018-04-01', to: '2019-03-31' };
const query = 'SELECT ward_name, count(*) AS crimes\nFORM crimes\nGROUP BY ALL';
const result = {
  resultId: 'r_7',
  columns: [
    { name: 'ward_name', type: 'VARCHAR' },
    { name: 'crimes', type: 'BIGINT' },
  ],
  rowCount: 1234,
  elapsedMs: 12.4,
};

describe('the SQL editor', () => {
  it('runs the query with the header’s settings and shows the result with its row count and time', async () => {
    const fake = renderWorkbench({ ...header, sql: 'SELECT ward_name, count(*) AS crimes FROM crimes GROUP BY ALL' }, [], {
      'sql.run': () => ok(result),
      'grid.page': (input) => (input.source.kind === 'result' && input.source.id === 'r_7' ? ok({ rows: [{ ward_name: 'Chadsmead', crimes: '312' }], rowCount: 1234 }) : fail('not_found', 'No such result.')),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Run query' }));
    expect(await screen.findByText(/1,234 rows in 12 ms\./)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Query result data' })).toBeTruthy();
    const sent = fake.calls.find((c) => c.channel === 'sql.run')!.input as { sql: string; params: unknown };
    // What is in the editor, exactly, and the header's area and period for a query that reads `params`.
    expect(sent.sql).toBe('SELECT ward_name, count(*) AS crimes FROM crimes GROUP BY ALL');
    expect(sent.params).toStrictEqual({ area: 'E07000194', from: '2018-04-01', to: '2019-03-31' });
    // Downloading it is offered, and says it is not suppressed.
    expect(screen.getByRole('button', { name: /Download CSV \(not suppressed/ })).toBeTruthy();
  });

  it('shows DuckDB’s error at the line and column it names, marks it in the editor and clears the previous result', async () => {
    let answer = ok(result) as ReturnType<typeof fail> | ReturnType<typeof ok<typeof result>>;
    const fake = renderWorkbench({ ...header, sql: query }, [], { 'sql.run': () => answer });
    fireEvent.click(await screen.findByRole('button', { name: 'Run query' }));
    expect(await screen.findByText(/1,234 rows in 12 ms/)).toBeTruthy();

    answer = fail('sql_error', 'Parser Error: syntax error at or near "FORM"\n\nLINE 2: FORM crimes\n        ^');
    fireEvent.click(screen.getByRole('button', { name: 'Run query' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Line 2, column 1: Parser Error: syntax error at or near "FORM"');
    // The result of the query before is gone: no count that belongs to another query.
    expect(screen.queryByText(/1,234 rows in 12 ms/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Query result data' })).toBeNull();
    await waitFor(() => expect(document.querySelector('.cm-sql-error')?.textContent).toBe('FORM'));
    expect(fake.calls.filter((c) => c.channel === 'sql.run')).toHaveLength(2);
  });

  it('runs with Ctrl+Enter in the editor', async () => {
    const fake = renderWorkbench({ ...header, sql: query }, [], { 'sql.run': () => fail('sql_error', 'Catalog Error: Table with name crimes does not exist!') });
    const editor = await screen.findByRole('textbox', { name: 'SQL query' });
    fireEvent.keyDown(editor, { key: 'Enter', code: 'Enter', keyCode: 13, ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toBe('Catalog Error: Table with name crimes does not exist!');
    expect(fake.calls.filter((c) => c.channel === 'sql.run')).toHaveLength(1);
  });
});
