/**
 * Which answers count towards a survey percentage. "Positive" answers form the numerator; "excluded" answers (don't
 * know, prefer not to say…) leave the base, as survey reports conventionally do. Profiles can override per question.
 */
const excluded = new Set(["don't know", 'dont know', 'do not know', 'not sure', 'unsure', 'prefer not to say', 'n/a', 'na', 'not applicable', 'no opinion', 'no answer']);
const positive = /^((very|fairly|quite|mostly) )?(safe|satisfied|well informed|informed|good|likely|confident)$|^(yes|agree|strongly agree|tend to agree|excellent)$/;

export function defaultRecode(answer: string): { positive: boolean; excluded: boolean } {
  const key = answer.trim().toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ');
  if (excluded.has(key)) return { positive: false, excluded: true };
  return { positive: positive.test(key), excluded: false };
}
