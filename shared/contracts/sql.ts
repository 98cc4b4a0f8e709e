import { z } from 'zod';
import { columnInfo, operationId } from './common';

export const sqlContract = {
  /** Runs an analyst's own query in the locked-down path and materialises the result for paging. */
  'sql.run': {
    input: z.object({ sql: z.string().min(1).max(100_000), operationId }),
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
