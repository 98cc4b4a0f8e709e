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
} as const;
