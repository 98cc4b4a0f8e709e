import { z } from 'zod';
import { priorityDocument, priorityGrades } from '../priorities/morile';

const area = z.string().trim().min(1, 'must name an area').max(200);
const weights = z.object({ individual: z.number(), community: z.number(), public_expectation: z.number(), organisational_position: z.number() });

/** The analyst's priority grades (MoRiLE), saved in the workspace per area, each save a new version. */
export const prioritiesContract = {
  /** The latest saved grades for an area (by name, case-insensitive) over the default set, with their scores. */
  'priorities.get': {
    input: z.object({ area }).strict(),
    output: z.object({
      area: z.string(),
      /** 0 when nothing has been saved for the area yet (the default set, ungraded). */
      version: z.number().int().nonnegative(),
      saved_at: z.string().nullable(),
      saved_by: z.string().nullable(),
      weights,
      priorities: z.array(priorityGrades.extend({ score: z.number().nullable() })),
    }),
  },
  /** Saves a priorities file as its area's next version, recorded in the audit log with who saved it. */
  'priorities.save': {
    input: z.object({ document: priorityDocument }).strict(),
    output: z.object({ area: z.string(), version: z.number().int().positive(), saved_by: z.string(), priorities: z.number().int().nonnegative() }),
  },
  /**
   * The priorities file for an area: the latest grades with their scores and the figures priority-profiles gives
   * each priority, suppressed as every export is. With a target it is written there whole or not at all and audited
   * as an export; without one it is only returned. It writes a file the caller names, so it is a local channel.
   */
  'priorities.export': {
    input: z.object({ area, target: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ area: z.string(), version: z.number().int().nonnegative(), priorities: z.number().int().nonnegative(), text: z.string(), file: z.string().nullable() }),
  },
} as const;
