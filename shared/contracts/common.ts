import { z } from 'zod';

/** SQL identifiers the engine will quote; anything else is refused before it reaches DuckDB. */
export const identifier = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_ ]*$/, 'must be a letter or underscore followed by letters, digits, spaces or underscores');

export const operationId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or hyphens');

export const columnInfo = z.object({ name: z.string(), type: z.string() });
export type ColumnInfo = z.infer<typeof columnInfo>;

/** JSON-safe cell values: BIGINT, DECIMAL and dates arrive as strings so nothing is rounded in transit. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const empty = z.object({}).strict();
