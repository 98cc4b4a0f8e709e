import { EngineError } from '../../errors';
import type { ImportPlan, Target } from '../plan';
import { stagedColumn } from '../plan';
import { column, findHeader } from './headers';

/**
 * A resident survey as exported from survey tools: one row per respondent, one column per question. Stored long — one
 * survey row per respondent and answered question — with the respondent's ward, age band and sex alongside.
 */
export function surveyWidePlan(header: readonly string[], named: Record<string, string> = {}): ImportPlan {
  const pick = (canonical: string, ...usual: string[]) => findHeader(header, ...(named[canonical] ? [named[canonical]] : usual));
  const id = pick('respondent_id', 'respondent id', 'respondent', 'response id', 'respondent number', 'id', 'ref');
  if (id < 0) throw new EngineError('invalid_input', `A survey file needs a respondent ID column (such as "Respondent ID"). Its columns are: ${header.join(', ')}.`);
  const ward = pick('ward', 'ward', 'ward name', 'which ward do you live in');
  const age = pick('age_band', 'age band', 'age group', 'age');
  const sex = pick('sex', 'sex', 'gender');
  const about = new Set([id, ward, age, sex].filter((i) => i >= 0));
  const questions = header.map((_, i) => i).filter((i) => !about.has(i) && header[i].trim() !== '');
  if (questions.length === 0) throw new EngineError('invalid_input', 'This survey file has no question columns.');
  const targets: Target[] = questions.map((q) => ({
    dataset: 'survey',
    where: `NULLIF(trim(${stagedColumn(q)}), '') IS NOT NULL`,
    columns: {
      respondent_id: column(header, id),
      ward: ward >= 0 ? column(header, ward) : undefined,
      age_band: age >= 0 ? column(header, age) : undefined,
      sex: sex >= 0 ? column(header, sex) : undefined,
      question: { from: 'constant', value: header[q] },
      answer: column(header, q),
    },
  }));
  return {
    profile: 'survey-wide',
    targets,
    trueValues: [],
    falseValues: [''],
    personColumns: [],
    mode: 'append',
    profileJson: { builtin: 'survey-wide', questions: questions.map((q) => header[q]) },
    warnings: [],
  };
}
