import { z } from 'zod';
import { columnInfo, empty } from './common';

export const workspaceContract = {
  'workspace.info': {
    input: empty,
    output: z.object({ name: z.string(), path: z.string(), appVersion: z.string(), duckdbVersion: z.string() }),
  },
  'datasets.list': {
    input: empty,
    output: z.object({
      datasets: z.array(z.object({ name: z.string(), rowCount: z.number().int().nonnegative(), columns: z.array(columnInfo) })),
    }),
  },
} as const;
