import type { ColDef } from 'ag-grid-community';
import type { ColumnInfo } from '../../../../shared/api';
import { isNumericType } from '../../../../shared/format/numbers';

const textFilterOptions = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'];
const numberFilterOptions = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'];

/** Column definitions from DuckDB types: numbers right-aligned with a number filter, the type shown in the tooltip. */
export function columnDefs(columns: readonly ColumnInfo[]): ColDef[] {
  return columns.map((column) => {
    const numeric = isNumericType(column.type);
    return {
      field: column.name,
      colId: column.name,
      headerName: column.name,
      headerTooltip: `${column.name} (${column.type})`,
      sortable: true,
      filter: numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
      filterParams: { filterOptions: numeric ? numberFilterOptions : textFilterOptions, maxNumConditions: 2 },
      // The rightAligned type aligns the header; the cell class (which would replace the type's) aligns the values.
      type: numeric ? 'rightAligned' : undefined,
      cellClass: numeric ? 'cell-number' : undefined,
      // Lists and structs arrive as JSON values; show them as text rather than [object Object].
      valueFormatter: (p) => (p.value !== null && typeof p.value === 'object' ? JSON.stringify(p.value) : (p.value ?? '')),
      minWidth: 90,
    } satisfies ColDef;
  });
}
