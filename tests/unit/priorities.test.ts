import { describe, expect, it } from 'vitest';
import { parsePriorities } from '../../electron/engine/priorities/savedGrades';
import { defaultPriorities, defaultWeights, priorityScore, withDefaults } from '../../shared/priorities/morile';

const graded = (g: Partial<Record<string, number | null>>) => ({ individual_harm: null, community_harm: null, likelihood: null, public_expectation: null, organisational_position: null, confidence: null, ...g });

describe('priority grades and their score, after MoRiLE', () => {
  it('scores harm × likelihood, raised by public expectation and the organisational gap: worked by hand', () => {
    // Harm 4 + 3 = 7; × likelihood 4 = 28; × (1 + 0.5 × 3/4 + 0.5 × 2/4) = 28 × 1.625 = 45.5.
    expect(priorityScore(graded({ individual_harm: 4, community_harm: 3, likelihood: 4, public_expectation: 3, organisational_position: 2, confidence: 3 }))).toBe(45.5);
    // The weights are settings: community harm counted double, expectation and position not at all.
    expect(priorityScore(graded({ individual_harm: 4, community_harm: 3, likelihood: 4, public_expectation: 3, organisational_position: 2 }), { individual: 1, community: 2, public_expectation: 0, organisational_position: 0 })).toBe(40);
    // Confidence is reported beside the score, never folded into it; a missing grade leaves no score.
    expect(priorityScore(graded({ individual_harm: 4, community_harm: 3, likelihood: 4, public_expectation: 3, organisational_position: 2, confidence: 1 }))).toBe(45.5);
    expect(priorityScore(graded({ individual_harm: 4, community_harm: 3, likelihood: 4, public_expectation: 3 }))).toBeNull();
  });

  it("starts from the assessment's candidate priorities, ungraded, and keeps the analyst's own after them", () => {
    const list = withDefaults([{ name: 'domestic abuse', grades: graded({ likelihood: 4 }) as never, evidence: {} }, { name: 'Rural crime', grades: graded({}) as never, evidence: {} }]);
    expect(list.map((p) => p.name)).toEqual([...defaultPriorities.map((n) => (n === 'Domestic abuse' ? 'domestic abuse' : n)), 'Rural crime']);
    expect(list[1].grades.likelihood).toBe(4);
    expect(list[0].grades.likelihood).toBeNull();
  });

  const file = (priorities: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'csw-priorities', version: 1, area: 'Lichfield', priorities, ...extra });
  it.each([
    [file([{ name: 'Fraud', grades: { likelihood: 7 } }]), /priority "Fraud", grades, likelihood: Likelihood must be from 1 to 4/],
    [file([{ name: 'Fraud', grades: { individual_harm: 2.5 } }]), /priority "Fraud", grades, individual_harm: Harm to individuals must be a whole number from 0 to 4/],
    [file([{ name: 'Fraud', grades: { harm: 2 } }]), /priority "Fraud", grades: Unrecognized key: "harm"/i],
    [file([{ name: 'Fraud', grades: {} }, { name: 'fraud', grades: {} }]), /each priority may appear only once/],
    [file([{ name: 'Fraud', grades: {}, evidence: { hunch: 'x' } }]), /priority "Fraud", evidence/],
    [{ ...file([]), format: 'something-else' }, /"format" must be "csw-priorities"/],
    [file([], { weights: { individual: -1, community: 1, public_expectation: 0.5, organisational_position: 0.5 } }), /weights, individual/],
  ])('refuses a bad file with where and what: %#', (value, message) => {
    expect(() => parsePriorities(value)).toThrow(message);
  });

  it('reads a file with grades left out as ungraded, and the default weights', () => {
    const parsed = parsePriorities(file([{ name: 'Fraud', grades: { likelihood: 2 } }]));
    expect(parsed.weights).toEqual(defaultWeights);
    expect(parsed.priorities[0].grades).toEqual(graded({ likelihood: 2 }));
  });
});
