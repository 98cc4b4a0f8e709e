import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { IGetRowsParams } from 'ag-grid-community';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { App } from '../../renderer/src/app/App';
import { createDatasource } from '../../renderer/src/features/grid/datasource';
import { createFakeApi } from './fakeApi';

const crimes = {
  columns: [
    { name: 'id', type: 'BIGINT' },
    { name: 'ward_name', type: 'VARCHAR' },
  ],
  rows: Array.from({ length: 250 }, (_, i) => ({ id: String(i), ward_name: i % 2 ? 'Chadsmead' : 'Boley Park' })),
};

afterEach(cleanup);

/** The grid also passes its api and context; the datasource uses neither. */
const rowsParams = (p: Omit<IGetRowsParams, 'api' | 'context'>) => p as IGetRowsParams;

function renderApp(tables = { crimes }) {
  const fake = createFakeApi(tables);
  render(
    <ApiProvider api={fake.api}>
      <App />
    </ApiProvider>,
  );
  return fake;
}

describe('App', () => {
  it('shows the workspace name and its datasets with row counts', async () => {
    renderApp();
    expect(await screen.findByText('Fake workspace')).toBeTruthy();
    const button = await screen.findByRole('button', { name: /crimes\s*250 rows/ });
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it('opens a dataset in the grid panel when chosen', async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: /crimes/ }));
    expect(await screen.findByRole('region', { name: 'crimes data' })).toBeTruthy();
    expect(screen.getByText(/250 rows · 2 columns/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /crimes/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says when the workspace is empty', async () => {
    renderApp({} as never);
    expect(await screen.findByText(/no datasets yet/)).toBeTruthy();
  });

  it('shows running operations with a Cancel button that calls the engine', async () => {
    const fake = renderApp();
    await screen.findByText('Fake workspace');
    await act(async () => undefined); // let the status bar's subscription effect run before the event arrives
    act(() => fake.emit({ type: 'progress', operationId: 'op-12345678', label: 'Running query', percentage: 40 }));
    expect(screen.getByRole('progressbar', { name: 'Running query progress' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'operations.cancel')).toBe(true));
    act(() => fake.emit({ type: 'end', operationId: 'op-12345678', outcome: 'cancelled' }));
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('states that data stays on this machine', async () => {
    renderApp();
    expect(await screen.findByText(/data stays on this machine/)).toBeTruthy();
  });
});

describe('grid datasource', () => {
  it('asks the engine for exactly the block the grid needs and passes the total row count', async () => {
    const fake = createFakeApi({ crimes });
    const errors: string[] = [];
    const datasource = createDatasource(fake.api, { kind: 'dataset', name: 'crimes' }, (e) => errors.push(e.message));
    const result = await new Promise<{ rows: unknown[]; last?: number }>((resolve, reject) =>
      datasource.getRows(rowsParams({
        startRow: 200,
        endRow: 300,
        sortModel: [{ colId: 'id', sort: 'desc' }],
        filterModel: {},
        successCallback: (rows, last) => resolve({ rows, last }),
        failCallback: () => reject(new Error('failed')),
      })),
    );
    expect(result.rows).toHaveLength(50);
    expect(result.last).toBe(250);
    expect(fake.calls.at(-1)).toEqual({
      channel: 'grid.page',
      input: { source: { kind: 'dataset', name: 'crimes' }, startRow: 200, endRow: 300, sortModel: [{ colId: 'id', sort: 'desc' }], filterModel: {} },
    });
    expect(errors).toEqual([]);
  });

  it('fails the block and reports the engine error', async () => {
    const fake = createFakeApi({ crimes });
    const errors: string[] = [];
    const datasource = createDatasource(fake.api, { kind: 'dataset', name: 'gone' }, (e) => errors.push(e.message));
    await new Promise<void>((resolve) =>
      datasource.getRows(rowsParams({ startRow: 0, endRow: 100, sortModel: [], filterModel: {}, successCallback: () => resolve(), failCallback: () => resolve() })),
    );
    expect(errors).toEqual(['No such dataset.']);
  });
});

describe('presenting analysis results', () => {
  it('rounds only for display and colours comparison and flag cells like the assessment key', async () => {
    const { presentValue, keyClass } = await import('../../shared/format/present');
    expect(presentValue(58.84672726398307, 'rate')).toBe('58.8');
    expect(presentValue('12345', 'count')).toBe('12,345');
    expect(presentValue(21.04, 'percent')).toBe('21.0%');
    expect(presentValue(null, 'rate')).toBe('');
    expect(keyClass('Lower')).toBe('key-low');
    expect(keyClass('Significantly above average')).toBe('key-high');
    expect(keyClass('Above average')).toBe('key-above');
    expect(keyClass('anything else')).toBeUndefined();
  });

  it('switches to the library view and lists analyses by theme', async () => {
    const fake = createFakeApi({ crimes });
    fake.api['analyses.list'] = async () => ({
      ok: true,
      value: {
        analyses: [
          { id: 'crime-rates', title: 'Rates of recorded crime', description: 'd', theme: 'Crime', parameters: [], columns: [], chart: { type: 'table' }, method: 'm', source: 'library' },
        ],
      },
    });
    render(
      <ApiProvider api={fake.api}>
        <App />
      </ApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Library' }));
    expect(await screen.findByRole('region', { name: 'Crime' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Rates of recorded crime' }));
    expect(await screen.findByRole('button', { name: 'Run analysis' })).toBeTruthy();
  });
});
