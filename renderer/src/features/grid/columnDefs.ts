import type { ColDef } from 'ag-grid-community';
import type { ColumnInfo } from '../../../../shared/api';
import { isNumericType } from '../../../../shared/format/numbers';
import { hasLabels, labelOf } from '../../../../shared/format/labels';
import { keyClass, presentValue, type ColumnFormat } from '../../../../shared/format/present';
import { GridDateInput } from './GridDateInput';
import { TypedHeader } from './TypedHeader';

/** What an analysis's metadata says about a column: its label and how to show it. */
export interface ColumnPresentation {
  label: string;
  format: ColumnFormat;
  /** Text for a value where the format alone does not say it well (the audit log's details); copies stay exact. */
  text?: (value: unknown) => string;
}

const textFilterOptions = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'];
const dateFilterOptions = ['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank'];
const numberFilterOptions = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'];

/**
 * Column definitions from DuckDB types (numbers right-aligned with a number filter, the type in the tooltip) and, for
 * analysis results, the metadata's labels and formats, with comparison and flag cells in the key's colours.
 */
export function columnDefs(columns: readonly ColumnInfo[], presentation: Readonly<Record<string, ColumnPresentation>> = {}): ColDef[] {
  return columns.map((column) => {
    const numeric = isNumericType(column.type);
    // Dates and recorded times are shown and filtered day first (01/04/2018), by calendar day.
    const isDate = column.type === 'DATE' || column.type === 'TIMESTAMP';
    const shown = presentation[column.name];
    const format: ColumnFormat = shown?.format ?? (isDate ? 'date' : numeric && !/INT/.test(column.type) ? 'number' : 'text');
    return {
      field: column.name,
      colId: column.name,
      headerName: shown?.label ?? column.name,
      headerTooltip: `${column.name} (${column.type})`,
      // A dataset's columns show their DuckDB type; a result's show only the label its metadata gives, in full.
      headerComponentParams: { innerHeaderComponent: TypedHeader, duckdbType: shown ? undefined : column.type },
      wrapHeaderText: Boolean(shown),
      autoHeaderHeight: Boolean(shown),
      sortable: true,
      filter: isDate ? 'agDateColumnFilter' : numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
      filterParams: { filterOptions: isDate ? dateFilterOptions : numeric ? numberFilterOptions : textFilterOptions, maxNumConditions: 2 },
      dateComponent: isDate ? GridDateInput : undefined,
      // The rightAligned type aligns the header; the cell class (which would replace the type's) aligns the values.
      type: numeric ? 'rightAligned' : undefined,
      cellClass: (p) => [numeric ? 'cell-number' : '', keyClass(p.value) ?? ''].filter(Boolean),
      // Rounding is presentation: values stay exact in the result. Lists and structs are shown as JSON text.
      // Without metadata (a dataset), whole numbers stay as they are: they are often IDs, years and codes.
      // A result's codes read as words (F → Female, vawg → Violence against women and girls); copies stay exact.
      valueFormatter: (p) =>
        shown?.text && typeof p.value === 'string'
          ? shown.text(p.value)
          : shown && hasLabels(column.name) && typeof p.value === 'string'
            ? labelOf(column.name, p.value)
            : presentValue(p.value, format),
      // Wide enough for the label's longest word beside the sort and filter icons, so headers wrap between words.
      minWidth: Math.max(numeric ? 90 : 130, longestWord(shown?.label ?? column.name) * 8 + 56),
      // The comparison and flag stay in view on a narrow window: they are what the table is read for.
      pinned: shown && (column.name === 'comparison' || column.name === 'flag') ? 'right' : undefined,
    } satisfies ColDef;
  });
}

const longestWord = (label: string) => Math.max(...label.split(/\s+/).map((w) => w.length));
