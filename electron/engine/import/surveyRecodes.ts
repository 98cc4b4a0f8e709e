import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { defaultRecode } from '../../../shared/datasets/surveyRecodes';
import { toCount } from '../rows';

/**
 * Adds a recode for every (question, answer) the survey import brought that has none yet: the profile's recodes where
 * it gives them, otherwise the defaults. Existing recodes (perhaps edited by an analyst) are left alone.
 */
export async function addSurveyRecodes(connection: DuckDBConnection, importId: number, recodes: MappingProfile['recodes']): Promise<number> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS main.survey_recodes (question VARCHAR NOT NULL, answer VARCHAR NOT NULL, positive BOOLEAN NOT NULL,
       excluded BOOLEAN NOT NULL, source VARCHAR NOT NULL, PRIMARY KEY (question, answer))`,
  );
  const pairs = await connection.runAndReadAll(
    `SELECT DISTINCT question, answer FROM main.survey s WHERE import_id = ?
       AND NOT EXISTS (SELECT 1 FROM main.survey_recodes r WHERE r.question = s.question AND r.answer = s.answer) ORDER BY 1, 2`,
    [importId],
  );
  const rows = pairs.getRows();
  if (rows.length === 0) return 0;
  const lower = (list: string[]) => list.map((v) => v.trim().toLowerCase());
  const decided = rows.map(([question, answer]) => {
    const given = recodes?.[String(question)];
    const key = String(answer).trim().toLowerCase();
    const recode = given ? { positive: lower(given.positive).includes(key), excluded: lower(given.excluded).includes(key) } : defaultRecode(String(answer));
    return { question: String(question), answer: String(answer), ...recode, source: given ? 'profile' : 'default' };
  });
  // One statement over bound lists, so the recodes commit (or roll back) with the rest of the import.
  await connection.run(
    `INSERT INTO main.survey_recodes SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::BOOLEAN[]), unnest(?::BOOLEAN[]), unnest(?::VARCHAR[])`,
    [
      listValue(decided.map((d) => d.question)),
      listValue(decided.map((d) => d.answer)),
      listValue(decided.map((d) => d.positive)),
      listValue(decided.map((d) => d.excluded)),
      listValue(decided.map((d) => d.source)),
    ],
  );
  const [[count]] = (await connection.runAndReadAll('SELECT count(*) FROM main.survey_recodes')).getRows();
  return toCount(count);
}
