import { spiFramework, SPI_OVERALL } from '../../shared/datasets/spiFramework';
import { roundTo } from './calibrate';
import type { Random } from './random';

/** Component scores the research report quotes, and the patterns it describes. */
const fixed: Record<string, Record<string, number>> = {
  Chasetown: { Shelter: 28.6, 'Personal Safety': 30.6 },
};
const low: Record<string, string[]> = {
  Chasetown: ['Inclusiveness', 'Personal Rights', 'Environmental Quality', 'Access to Basic Knowledge'],
  Curborough: ['Inclusiveness', 'Personal Rights', 'Shelter', 'Personal Safety', 'Environmental Quality'],
  'Summerfield & All Saints': ['Shelter', 'Personal Safety', 'Environmental Quality'],
  'Boney Hay & Central': ['Shelter', 'Access to Basic Knowledge'],
};
const high: Record<string, string[]> = {
  'Boley Park': ['Personal Safety', 'Environmental Quality'],
  'Alrewas & Fradley': ['Personal Safety', 'Environmental Quality', 'Access to Advanced Education'],
  "St John's": ['Access to Basic Knowledge', 'Access to Advanced Education', 'Inclusiveness'],
};

/**
 * A synthetic ward Social Progress Index, clearly not a published one: twelve components (0–100) per ward, lower where
 * recorded crime is higher, with the scores and patterns the research report describes (Chasetown Shelter 28.6 and
 * Personal Safety 30.6; Boley Park and Alrewas & Fradley over 70 on Personal Safety; Chasetown and Curborough under 35
 * on Inclusiveness), plus dimension scores (means of their components) and the overall index (mean of dimensions).
 */
export function spiRows(wardCrimeRate: Map<string, number>, random: Random): { header: string[]; rows: (string | number)[][] } {
  const components = Object.values(spiFramework).flat();
  const rates = [...wardCrimeRate.values()];
  const [min, max] = [Math.min(...rates), Math.max(...rates)];
  const header = ['Ward', SPI_OVERALL, ...Object.keys(spiFramework), ...components];
  const rows = [...wardCrimeRate].sort(([a], [b]) => a.localeCompare(b)).map(([ward, rate]) => {
    const base = 72 - 30 * ((rate - min) / (max - min));
    const score = (component: string) => {
      if (fixed[ward]?.[component] !== undefined) return fixed[ward][component];
      let s = base + 8 * (random.next() - 0.5);
      if (low[ward]?.includes(component)) s = Math.min(s, 24 + 9 * random.next());
      if (high[ward]?.includes(component)) s = Math.max(s, 71 + 8 * random.next());
      return roundTo(Math.max(5, Math.min(95, s)), 1);
    };
    const scores = new Map(components.map((c) => [c, score(c)]));
    const dimensions = Object.entries(spiFramework).map(([, cs]) => roundTo(cs.reduce((s, c) => s + scores.get(c)!, 0) / cs.length, 1));
    const overall = roundTo(dimensions.reduce((a, b) => a + b, 0) / dimensions.length, 1);
    return [ward, overall, ...dimensions, ...components.map((c) => scores.get(c)!)];
  });
  return { header, rows };
}
