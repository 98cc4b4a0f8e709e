import { z } from 'zod';
import { identifier, jsonValue } from './common';

/** What a grid pages through: a workspace dataset, or the materialised result of a query. */
export const gridSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset'), name: identifier }),
  z.object({ kind: z.literal('result'), id: z.string().regex(/^r_[0-9]{1,9}$/, 'must be a result id like r_1') }),
]);
export type GridSource = z.infer<typeof gridSource>;

export const sortItem = z.object({ colId: z.string().min(1).max(128), sort: z.enum(['asc', 'desc']) });
export type SortItem = z.infer<typeof sortItem>;

// The subset of AG Grid's column filter model that the engine turns into SQL. Values are bound as parameters.
const textFilter = z.object({
  filterType: z.literal('text'),
  type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
  filter: z.string().max(1000).nullish(),
});
const numberFilter = z.object({
  filterType: z.literal('number'),
  type: z.enum(['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank']),
  filter: z.number().finite().nullish(),
  filterTo: z.number().finite().nullish(),
});
// Dates as AG Grid's date filter sends them ("2018-04-01 00:00:00"); only the calendar date is used.
const gridDate = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'must be a date like 2018-04-01');
const dateFilter = z.object({
  filterType: z.literal('date'),
  type: z.enum(['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank']),
  dateFrom: gridDate.nullish(),
  dateTo: gridDate.nullish(),
});
export const simpleFilter = z.discriminatedUnion('filterType', [textFilter, numberFilter, dateFilter]);
export type SimpleFilter = z.infer<typeof simpleFilter>;

const combinedFilter = z.object({
  filterType: z.enum(['text', 'number', 'date']),
  operator: z.enum(['AND', 'OR']),
  conditions: z.array(simpleFilter).min(1).max(8),
});
export const columnFilter = z.union([combinedFilter, simpleFilter]);
export type ColumnFilter = z.infer<typeof columnFilter>;

export const gridContract = {
  'grid.page': {
    input: z
      .object({
        source: gridSource,
        startRow: z.number().int().nonnegative(),
        endRow: z.number().int().positive(),
        sortModel: z.array(sortItem).max(16).default([]),
        filterModel: z.record(z.string().max(128), columnFilter).default({}),
      })
      .refine((p) => p.endRow > p.startRow && p.endRow - p.startRow <= 5000, {
        message: 'endRow must be after startRow and a page at most 5,000 rows',
      }),
    output: z.object({
      rows: z.array(z.record(z.string(), jsonValue)),
      /** Rows matching the filter: the grid uses it as lastRow so it can scroll straight to the end. */
      rowCount: z.number().int().nonnegative(),
    }),
  },
} as const;
