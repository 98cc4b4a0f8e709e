import { presentValue, type ColumnFormat } from '../format/present';
import type { Builder } from './types';

/** The result as a table, for analyses whose numbers are best read, not drawn (and analysts' own queries). */
export const tableTraces: Builder = (metadata, rows) => {
  const shown = rows.slice(0, 40);
  const columns = metadata.columns.length > 0 ? metadata.columns : Object.keys(rows[0] ?? {}).map((name) => ({ name, label: name, format: 'text' as const }));
  return {
    data: [
      {
        type: 'table',
        header: { values: columns.map((c) => `<b>${c.label}</b>`), align: 'left', fill: { color: '#EDEDED' }, font: { size: 12 } },
        cells: { values: columns.map((c) => shown.map((r) => presentValue(r[c.name], c.format as ColumnFormat))), align: 'left', font: { size: 12 }, height: 24 },
      },
    ],
    layout: { height: Math.max(620, 260 + shown.length * 24) },
    notes: rows.length > shown.length ? [`The first ${shown.length} of ${rows.length} rows; the full table is in the export.`] : [],
  };
};
