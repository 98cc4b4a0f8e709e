import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetName } from '../../../shared/datasets/canonical';
import { quoteIdent } from '../sqlText';
import { toCount } from '../rows';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { createDatasetSql } from './metadata';
import { rebuildPeopleView } from './peopleView';
import { addSurveyRecodes } from './surveyRecodes';
import type { ImportPlan } from './plan';
import { quarantineRawSql } from './quarantineRaw';
import { STAGE } from './stage';
import { fileOfLine, lineBands, lineInFile, perFile } from './fileLines';
import { groupTargets, storedColumns, targetTable } from './transform';

export const BAD = 'csw_bad_lines';
/** Source lines written per statement. */
const WRITE_BAND = 1_000_000;

/**
 * Each source line that cannot be used, with the first issue found across the plan's targets, and what the quarantine
 * keeps of it for correction (quarantineRaw.ts: mapped columns only, person columns hashed), taken now so that the
 * staged file can be let go before the write.
 */
export async function collectBadLines(connection: DuckDBConnection, plan: ImportPlan, header: readonly string[]): Promise<number> {
  const union = groupTargets(plan).map((_, i) => `SELECT line, ${i} AS target, issue FROM ${targetTable(i)} WHERE issue IS NOT NULL`).join(' UNION ALL ');
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${BAD} AS
     SELECT b.line, b.issue, ${quarantineRawSql(plan, header)} AS raw FROM (SELECT line, arg_min(issue, target) AS issue FROM (${union}) GROUP BY line) b JOIN ${STAGE} s USING (line)`,
  );
  return toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${BAD}`)).getRows()[0][0]);
}

/**
 * Writes the import inside the caller's transaction: canonical rows, quarantine and lookups. `importIds`: the import
 * each staged file becomes, by staged file (fileLines.ts; one for a single file). Returns the rows written to each
 * dataset, by staged file.
 */
export async function writeImport(connection: DuckDBConnection, plan: ImportPlan, importIds: readonly number[]): Promise<Map<number, Record<string, number>>> {
  const byFile = new Map<number, Record<string, number>>(importIds.map((_, file) => [file, {}]));
  const add = (file: number, dataset: string, rows: number) => {
    const counts = byFile.get(file)!;
    counts[dataset] = (counts[dataset] ?? 0) + rows;
  };
  const several = importIds.length > 1;
  const importId = perFile(importIds.map(String));
  const good = `line NOT IN (SELECT line FROM ${BAD})`;
  for (const [i, targets] of groupTargets(plan).entries()) {
    const target = targets[0];
    const columns = storedColumns(plan, targets).map((c) => quoteIdent(c.name));
    if (plan.mode === 'append') {
      await connection.run(createDatasetSql(target.dataset));
      for (const file of byFile.keys()) add(file, target.dataset, 0);
      const ranges = (await connection.runAndReadAll(`SELECT min(line), max(line) FROM ${targetTable(i)} GROUP BY ${fileOfLine()} ORDER BY 1`))
        .getRows()
        .map(([first, last]) => ({ first: toCount(first), last: toCount(last) }));
      // In file order, a band of lines at a time: each band's sort fits in memory, where one sort of ten million rows
      // would spill to disk (and the checked table is nearly in line order, so each band reads only its own blocks).
      for (const [from, to] of lineBands(ranges, WRITE_BAND)) {
        const inserted = await connection.run(
          `INSERT INTO main.${quoteIdent(target.dataset)} (${columns.join(', ')}, import_id) SELECT ${columns.join(', ')}, ${importId} FROM ${targetTable(i)}
           WHERE line >= ${from} AND line < ${to} AND ${good} ORDER BY line`,
        );
        if (!several) add(0, target.dataset, inserted.rowsChanged);
      }
      // Several files: what each wrote, counted by file (one insert wrote several).
      if (several) {
        const counted = await connection.runAndReadAll(`SELECT ${fileOfLine()}, count(*) FROM ${targetTable(i)} WHERE ${good} GROUP BY 1`);
        for (const [file, n] of counted.getRows()) add(toCount(file), target.dataset, toCount(n));
      }
    } else {
      add(0, 'geography', await writeLookup(connection, plan.mode, targetTable(i), good));
    }
  }
  const datasets = new Set(plan.targets.map((t) => t.dataset));
  if (datasets.has('survey')) await addSurveyRecodes(connection, importIds[0], (plan.profileJson as MappingProfile | undefined)?.recodes);
  if (datasets.has('crimes') || datasets.has('victims') || datasets.has('offenders')) await rebuildPeopleView(connection);
  await connection.run(`INSERT INTO csw_meta.quarantine SELECT ${importId}, ${several ? lineInFile() : 'line'}, issue.column, issue.reason, raw FROM ${BAD} ORDER BY line`);
  return byFile;
}

/** Lookups replace the rows they cover, then the geography table is rebuilt from both lookups. */
async function writeLookup(connection: DuckDBConnection, mode: ImportPlan['mode'], table: string, good: string): Promise<number> {
  if (mode === 'lookup-lsoa') {
    await connection.run(`DELETE FROM csw_meta.lsoa_lookup WHERE lsoa_code IN (SELECT lsoa_code FROM ${table})`);
    await connection.run(
      `INSERT INTO csw_meta.lsoa_lookup SELECT DISTINCT ON (lsoa_code) lsoa_code, lsoa_name, ward_code, ward_name, district_code, district_name
       FROM ${table} WHERE ${good} ORDER BY lsoa_code, line`,
    );
  } else {
    await connection.run(`DELETE FROM csw_meta.district_lookup WHERE district_code IN (SELECT district_code FROM ${table})`);
    await connection.run(
      `INSERT INTO csw_meta.district_lookup SELECT DISTINCT ON (district_code) district_code, district_name, csp_code, csp_name, force_code, force_name
       FROM ${table} WHERE ${good} AND district_code IS NOT NULL ORDER BY district_code, line`,
    );
  }
  await connection.run(`DROP TABLE IF EXISTS main.geography`);
  await connection.run(createDatasetSql('geography' satisfies DatasetName));
  await connection.run(
    `INSERT INTO main.geography SELECT l.lsoa_code, l.lsoa_name, l.ward_code, l.ward_name, l.district_code,
       coalesce(l.district_name, d.district_name), d.csp_code, d.csp_name, d.force_code, d.force_name, NULL
     FROM csw_meta.lsoa_lookup l LEFT JOIN csw_meta.district_lookup d USING (district_code) ORDER BY l.lsoa_code`,
  );
  return toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${table} WHERE ${good}`)).getRows()[0][0]);
}
