import './agGridModules';
import { themeQuartz, type GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import type { ColumnInfo, GridSource } from '../../../../shared/api';
import { countOf } from '../../../../shared/format/count';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { KeyLegend, type KeyKind } from '../../components/KeyLegend';
import { columnDefs, type ColumnPresentation } from './columnDefs';
import { copyFromGrid } from './copy';
import { createDatasource } from './datasource';

const theme = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600, spacing: 6 });

interface Props {
  source: GridSource;
  columns: readonly ColumnInfo[];
  label: string;
  rowCount: number;
  presentation?: Readonly<Record<string, ColumnPresentation>>;
}

/** Any table or result, paged from DuckDB: the renderer keeps only a few blocks of rows at a time. */
export function DataGrid({ source, columns, label, rowCount, presentation }: Props) {
  const api = useApi();
  const [error, setError] = useState<ApiError | null>(null);
  const [copied, setCopied] = useState('');
  // Rows matching the grid's filter, as the engine counted them; null while unfiltered.
  const [matching, setMatching] = useState<number | null>(null);
  const datasource = useMemo(() => createDatasource(api, source, setError, (rows, filtered) => setMatching(filtered ? rows : null)), [api, source]);
  const defs = useMemo(() => columnDefs(columns, presentation), [columns, presentation]);
  // A result's key columns get the key beside the table; a raw dataset's columns are only data.
  const keyKinds = presentation ? (['comparison', 'flag'] as const).filter((k: KeyKind) => columns.some((c) => c.name === k)) : [];

  return (
    <section className="grid-panel" aria-label={`${label} data`}>
      <header className="grid-header">
        <h2>{label}</h2>
        <span className="muted">
          {matching === null ? countOf(rowCount, 'row') : `${matching.toLocaleString('en-GB')} of ${countOf(rowCount, 'row')} match the filter`} ·{' '}
          {countOf(columns.length, 'column')}
        </span>
        <span className="muted small grid-hint">Ctrl+C copies a cell, Ctrl+Shift+C its row</span>
        <span role="status" className="muted small">
          {copied}
        </span>
      </header>
      <KeyLegend kinds={keyKinds} />
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="grid-host">
        <AgGridReact
          theme={theme}
          rowModelType="infinite"
          datasource={datasource}
          columnDefs={defs}
          cacheBlockSize={200}
          maxBlocksInCache={20}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={30}
          infiniteInitialRowCount={Math.min(rowCount, 200)}
          rowBuffer={20}
          tooltipShowDelay={400}
          enableCellTextSelection
          ensureDomOrder
          onGridReady={(e: { api: GridApi }) => e.api.sizeColumnsToFit()}
          onCellKeyDown={(e) => {
            const copied = copyFromGrid(e, (text) => navigator.clipboard.writeText(text));
            if (copied !== null) setCopied(copied.includes('\n') ? 'Row copied' : 'Cell copied');
          }}
        />
      </div>
    </section>
  );
}
