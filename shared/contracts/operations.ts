import { z } from 'zod';
import { operationId } from './common';

export const operationsContract = {
  'operations.cancel': {
    input: z.object({ operationId }),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;

/** Pushed from the engine while long work runs; `percentage` is -1 when DuckDB cannot estimate it. */
export const operationEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    operationId,
    label: z.string(),
    percentage: z.number().min(-1).max(100),
  }),
  z.object({
    type: z.literal('end'),
    operationId,
    outcome: z.enum(['done', 'cancelled', 'failed']),
  }),
]);
export type OperationEvent = z.infer<typeof operationEvent>;
