import { z } from 'zod';
import { columnInfo, operationId } from './common';

export const sqlContract = {
  /** Runs an analyst's own query in the locked-down path and materialises the result for paging. */
  'sql.run': {
    input: z.object({
      sql: z.string().min(1).max(100_000),
      operationId,
      /**
       * The header's area, comparator and period, for a query that reads `params` (and the context tables) as a saved
       * analysis would; empty values take the same defaults as the library's.
       */
      params: z
        .object({ area: z.string().max(200), comparator: z.string().max(200), from: z.string().max(10), to: z.string().max(10) })
        .partial()
        .strict()
        .optional(),
    }),
    output: z.object({
      resultId: z.string(),
      columns: z.array(columnInfo),
      rowCount: z.number().int().nonnegative(),
      elapsedMs: z.number().nonnegative(),
    }),
  },
  /** The workspace's audit log (imports, checks, analyses, queries, exports, saves), newest first, as a pageable result. */
  'audit.list': {
    input: z.object({}).strict(),
    output: z.object({ resultId: z.string(), columns: z.array(columnInfo), rowCount: z.number().int().nonnegative() }),
  },
  /**
   * A result as CSV text (UTF-8 with a byte-order mark, so Excel reads it cleanly), for the renderer to save. Capped so
   * a huge result is refused with a pointer to the CLI rather than filling memory.
   */
  'results.csv': {
    input: z.object({ resultId: z.string().regex(/^r_[0-9]{1,9}$/, 'must be a result id like r_1') }),
    output: z.object({ csv: z.string(), rowCount: z.number().int().nonnegative() }),
  },
} as const;
