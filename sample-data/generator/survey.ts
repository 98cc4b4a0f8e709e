import path from 'node:path';
import { apportion, percentInterval, allocate } from './calibrate';
import { readCsv, referenceDir } from './files';
import type { Random } from './random';
import { figure } from './reference';

const RESPONDENTS = 'research_survey_respondents';
const NO_WARD = '(unknown or outside the district)';

/** Questions and the figure giving the share answering positively (of those not answering "Don't know"). */
const questions: { question: string; positive: string; negative: string[]; figure: string; dontKnow: number }[] = [
  { question: 'How safe do you feel in your local area during the day?', positive: 'Fairly safe', negative: ['Fairly unsafe', 'Very unsafe'], figure: 'research_survey_safe_day', dontKnow: 2 },
  { question: 'Are there places in your local area where you feel unsafe after dark?', positive: 'Yes', negative: ['No'], figure: 'research_survey_unsafe_places_dark', dontKnow: 5 },
  { question: 'Are there enough activities for teenagers in your area?', positive: 'Yes', negative: ['No'], figure: 'research_survey_teen_activities', dontKnow: 21 },
  { question: 'Do you feel informed about what is being done to improve safety in your area?', positive: 'Yes', negative: ['No'], figure: 'research_survey_informed', dontKnow: 8 },
  { question: 'How satisfied are you with your local area as a place to live?', positive: 'Fairly satisfied', negative: ['Fairly dissatisfied', 'Very dissatisfied'], figure: 'survey_satisfied_area', dontKnow: 0 },
];

/**
 * A synthetic resident survey, clearly not the real one: 161 respondents in the wards the research report counts,
 * answering with the shares it reports. Rows are one respondent each, with a column per question, as survey tools
 * export them.
 */
export function surveyRows(random: Random): { header: string[]; rows: string[][] } {
  const total = figure(RESPONDENTS).value;
  const wards = readCsv(path.join(referenceDir, 'research-survey-ward-respondents.csv')).flatMap((r) => Array<string>(Number(r.respondents)).fill(r.ward_name === NO_WARD ? 'Outside Lichfield' : r.ward_name));
  const people = random.shuffle([...wards, ...Array<string>(total - wards.length).fill('')]);
  const ages = dealt(total, ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'], [6, 12, 16, 20, 22, 24], random);
  // "Around 10% more female respondents than male"
  const sexes = dealt(total, ['Female', 'Male', 'Prefer not to say'], [52, 46, 2], random);
  const retiredCount = allocate([(figure('research_survey_retired').value / 100) * total], [percentInterval(figure('research_survey_retired').value, total)], percentInterval(figure('research_survey_retired').value, total))[0];
  const employment = random.shuffle([...Array<string>(retiredCount).fill('Retired'), ...dealt(total - retiredCount, ['Employed', 'Self-employed', 'Student', 'Not working'], [60, 12, 8, 20], random)]);
  const answers = questions.map((q) => {
    const base = total - q.dontKnow;
    const positive = allocate([(figure(q.figure).value / 100) * base], [percentInterval(figure(q.figure).value, base)], percentInterval(figure(q.figure).value, base))[0];
    const strong = q.positive.startsWith('Fairly') ? Math.round(positive * 0.55) : 0;
    const negatives = apportion(base - positive, q.negative.map((_, i) => (i === 0 ? 3 : 1)));
    return random.shuffle([
      ...Array<string>(strong).fill(q.positive.replace('Fairly', 'Very')),
      ...Array<string>(positive - strong).fill(q.positive),
      ...q.negative.flatMap((n, i) => Array<string>(negatives[i]).fill(n)),
      ...Array<string>(q.dontKnow).fill("Don't know"),
    ]);
  });
  const header = ['Respondent ID', 'Ward', 'Age', 'Gender', 'Employment status', ...questions.map((q) => q.question)];
  const rows = people.map((ward, i) => [String(1001 + i), ward, ages[i], sexes[i], employment[i], ...answers.map((a) => a[i])]);
  return { header, rows };
}

function dealt(n: number, values: string[], weights: number[], random: Random): string[] {
  const counts = apportion(n, weights);
  return random.shuffle(values.flatMap((v, i) => Array<string>(counts[i]).fill(v)));
}
