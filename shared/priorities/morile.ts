import { z } from 'zod';

/*
 * Priority grades on MoRiLE's scales (Management of Risk in Law Enforcement, the NPCC's method for comparing threats):
 * the analyst grades what the data cannot give, each with a note of the evidence. The score follows MoRiLE's shape —
 * harm to individuals and to the community, multiplied by how likely (how often) it is, raised by public expectation
 * and by the organisation's position (how far capacity and capability fall short) — with the weights as settings.
 * Confidence in the grading is reported beside the score, not folded into it, so a weakly evidenced grade is seen as
 * such rather than quietly discounted.
 *
 *   harm   = w_individual × individual harm + w_community × community harm          (each 0 none … 4 very high)
 *   threat = harm × likelihood                                                         (1 rare … 4 almost certain)
 *   score  = threat × (1 + w_public × public expectation / 4 + w_organisation × organisational position / 4)
 */

export const grades = {
  individual_harm: { label: 'Harm to individuals', min: 0, max: 4, scale: ['none', 'low', 'medium', 'high', 'very high'] },
  community_harm: { label: 'Harm to the community', min: 0, max: 4, scale: ['none', 'low', 'medium', 'high', 'very high'] },
  likelihood: { label: 'Likelihood', min: 1, max: 4, scale: ['rare', 'possible', 'likely', 'almost certain'] },
  public_expectation: { label: 'Public expectation', min: 0, max: 4, scale: ['none', 'low', 'medium', 'high', 'very high'] },
  organisational_position: { label: 'Organisational position (gap in capacity and capability)', min: 0, max: 4, scale: ['none', 'small', 'some', 'large', 'no capacity'] },
  confidence: { label: 'Confidence in the grading', min: 1, max: 3, scale: ['low', 'medium', 'high'] },
} as const;
export type GradeName = keyof typeof grades;
export const gradeNames = Object.keys(grades) as GradeName[];

export const defaultWeights = { individual: 1, community: 1, public_expectation: 0.5, organisational_position: 0.5 };
export type Weights = typeof defaultWeights;

/** The assessment's candidate priorities (priority-profiles fills their figures); analysts add their own. */
export const defaultPriorities = ['Anti-social behaviour', 'Domestic abuse', 'Car-key burglary', 'County lines', 'Fraud', 'Vulnerable persons', 'Child safeguarding', 'Repeat and persistent offending'];

const grade = (name: GradeName) => {
  const { min, max, label } = grades[name];
  return z
    .number({ error: `${label} must be a whole number from ${min} to ${max}` })
    .int(`${label} must be a whole number from ${min} to ${max}`)
    .min(min, `${label} must be from ${min} to ${max}`)
    .max(max, `${label} must be from ${min} to ${max}`)
    .nullable();
};

export const priorityGrades = z
  .object({
    name: z.string().trim().min(1, 'a priority needs a name').max(120),
    grades: z
      .object({
        individual_harm: grade('individual_harm').default(null),
        community_harm: grade('community_harm').default(null),
        likelihood: grade('likelihood').default(null),
        public_expectation: grade('public_expectation').default(null),
        organisational_position: grade('organisational_position').default(null),
        confidence: grade('confidence').default(null),
      })
      .strict(),
    // A note of the evidence for each grade.
    evidence: z.partialRecord(z.enum(gradeNames as [GradeName, ...GradeName[]]), z.string().max(2000)).default({}),
  })
  .strict();
export type PriorityGrades = z.infer<typeof priorityGrades>;

const weight = z.number().min(0).max(10);
/** The file the CLI exports and imports (figures and scores in an export are for reading; import recomputes them). */
export const priorityFile = z
  .object({
    format: z.literal('csw-priorities', { error: 'this is not a priorities file (its "format" must be "csw-priorities")' }),
    version: z.literal(1, { error: 'only version 1 priorities files can be read' }),
    area: z.string().trim().min(1),
    // Written by export for the reader (which version, the suppression statement); import takes no notice of them.
    saved: z.unknown().optional(),
    suppression: z.string().optional(),
    weights: z.object({ individual: weight, community: weight, public_expectation: weight, organisational_position: weight }).strict().default(defaultWeights),
    priorities: z
      .array(priorityGrades.extend({ score: z.number().nullable().optional(), figures: z.array(z.record(z.string(), z.unknown())).optional() }).strict())
      .max(100)
      .refine((list) => new Set(list.map((p) => p.name.toLowerCase())).size === list.length, 'each priority may appear only once'),
  })
  .strict();
export type PriorityFile = z.infer<typeof priorityFile>;

/** The score, or null until every grade it needs is set. */
export function priorityScore(g: PriorityGrades['grades'], w: Weights = defaultWeights): number | null {
  const { individual_harm: ih, community_harm: ch, likelihood: l, public_expectation: pe, organisational_position: op } = g;
  if (ih === null || ch === null || l === null || pe === null || op === null) return null;
  const harm = w.individual * ih + w.community * ch;
  return harm * l * (1 + (w.public_expectation * pe) / 4 + (w.organisational_position * op) / 4);
}

/** The default set, ungraded, with any saved priorities' grades over it (and the analyst's own after it). */
export function withDefaults(saved: PriorityGrades[]): PriorityGrades[] {
  const byName = new Map(saved.map((p) => [p.name.toLowerCase(), p]));
  const blank = (name: string): PriorityGrades => ({ name, grades: Object.fromEntries(gradeNames.map((g) => [g, null])) as PriorityGrades['grades'], evidence: {} });
  return [...defaultPriorities.map((name) => byName.get(name.toLowerCase()) ?? blank(name)), ...saved.filter((p) => !defaultPriorities.some((d) => d.toLowerCase() === p.name.toLowerCase()))];
}

/**
 * A priorities file checked whole, or the message saying where it is wrong and what: the one check the command line
 * runs on a file it reads and the priorities.save channel's schema runs on every document it is given.
 */
export function checkPriorityFile(value: unknown): { ok: true; file: PriorityFile } | { ok: false; message: string } {
  const parsed = priorityFile.safeParse(value);
  return parsed.success ? { ok: true, file: parsed.data } : { ok: false, message: `The priorities file is not valid: ${describeIssue(parsed.error, value)}.` };
}

/** A priorities file as a channel's input: refused by the schema with checkPriorityFile's message, naming the priority. */
export const priorityDocument = z.unknown().transform((value, ctx): PriorityFile => {
  const checked = checkPriorityFile(value);
  if (checked.ok) return checked.file;
  ctx.addIssue({ code: 'custom', message: checked.message });
  return z.NEVER;
});

/** A readable message for the first problem zod found: where it is and what is wrong. */
export function describeIssue(error: z.ZodError, file: unknown): string {
  const issue = error.issues[0];
  const where = issue.path.map((p, i) => {
    if (typeof p === 'number' && issue.path[i - 1] === 'priorities') {
      const name = (file as { priorities?: { name?: unknown }[] })?.priorities?.[p]?.name;
      return typeof name === 'string' ? `priority "${name}"` : `priority ${p + 1}`;
    }
    return String(p);
  });
  return `${where.filter((w) => w !== 'priorities').join(', ') || 'the file'}: ${issue.message}`;
}
