import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalDatasets, locatedDatasets } from '../../../shared/datasets/canonical';
import type { CanonicalColumn } from '../../../shared/datasets/columns';
import { matchKey, offenceGroupAliases, offenceGroups, offenceSubgroupAliases } from '../../../shared/datasets/offenceGroups';
import { sqlString } from '../sqlText';
import { quoteIdent } from '../sqlText';
import { labelSql, rawSql, reasonSql, sourceLabel, typedSql } from './expressions';
import type { LsoaFill } from './geographyFill';
import { mapLsoas, mapOffenceGroups, mapValues, OFFENCE_TABLE, type BuiltMaps, type OffenceMap, type ValueMaps } from './distinctMaps';
import type { ColumnSource, ImportPlan, Target } from './plan';
import { STAGE } from './stage';
import { hasTable } from './workspaceTables';
import { fileOfLine, lineInFile } from './fileLines';
import { toCount } from '../rows';

export { OFFENCE_TABLE };

/**
 * The canonical offence groups and subgroups as a temp table keyed by match key, for validation joins: one row per
 * spelling of a group (canonical or alias) and per spelling of each of its subgroups. `open` marks a group with no
 * listed subgroups, which keeps whatever subgroup the source gives.
 */
export async function loadOffenceGroups(connection: DuckDBConnection): Promise<void> {
  const spellings = (name: string, aliases: Record<string, readonly string[]>) => [...new Set([name, ...(aliases[name] ?? [])].map(matchKey))];
  const rows = Object.entries(offenceGroups).flatMap(([group, subgroups]) =>
    spellings(group, offenceGroupAliases).flatMap((groupKey) => [
      `(${sqlString(groupKey)}, ${sqlString(group)}, NULL, NULL, ${subgroups.length === 0})`,
      ...subgroups.flatMap((s) =>
        spellings(s, offenceSubgroupAliases).map((subKey) => `(${sqlString(groupKey)}, ${sqlString(group)}, ${sqlString(subKey)}, ${sqlString(s)}, false)`),
      ),
    ]),
  );
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${OFFENCE_TABLE} (group_key VARCHAR, group_name VARCHAR, sub_key VARCHAR, sub_name VARCHAR, open BOOLEAN)`);
  await connection.run(`INSERT INTO ${OFFENCE_TABLE} VALUES ${rows.join(', ')}`);
}

export const targetTable = (i: number) => `csw_target_${i}`;

/** Targets grouped by dataset: each group becomes one checked table, built in one statement however many targets. */
export function groupTargets(plan: ImportPlan): Target[][] {
  const groups = new Map<string, Target[]>();
  for (const target of plan.targets) groups.set(target.dataset, [...(groups.get(target.dataset) ?? []), target]);
  return [...groups.values()];
}

/**
 * Builds one temp table per dataset: the typed canonical columns, and `issue` — the first reason the row cannot be
 * used (wrong field count, a missing or unparseable value, an unknown offence group, a duplicate reference), with the
 * source column it concerns. Everything runs in DuckDB over the staged file.
 */
export async function transformTargets(
  connection: DuckDBConnection,
  plan: ImportPlan,
  targets: Target[],
  index: number,
  width: number,
  options: { fillFromLsoa: boolean; leaving?: Leaving; maps?: BuiltMaps },
): Promise<Map<number, MadeRefs> | undefined> {
  const [target, relation] = targets.length === 1 ? [targets[0], STAGE] : [await unpivot(connection, targets, index), unpivotTable(index)];
  const offences = await mapOffenceGroups(connection, target, relation, options.maps);
  const lsoaColumn = canonicalDatasets[target.dataset].columns.find((c) => c.name === 'lsoa_code');
  const lsoa = options.fillFromLsoa && lsoaColumn && target.columns.lsoa_code ? await mapLsoas(connection, plan, target, relation, lsoaColumn, options.maps) : undefined;
  const stored = storedColumns(plan, targets);
  const values = await mapValues(connection, plan, target, relation, stored, options.maps);
  const select = targetSelect(plan, target, width, relation, stored, { lsoa, offences, values });
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${targetTable(index)} AS ${select}`);
  const key = canonicalDatasets[targets[0].dataset].key;
  // Keys only exist for datasets imported one row per source line (crimes, incidents…), never for unpivoted targets.
  if (!key || targets.length !== 1) return undefined;
  const leaving = options.leaving?.[targets[0].dataset];
  const made = plan.uniqueRefs?.dataset === targets[0].dataset ? await makeRefsUnique(connection, index, key, targets[0].dataset, plan.uniqueRefs, leaving) : undefined;
  await flagDuplicates(connection, index, key, targets[0].dataset, leaving);
  return made;
}

/**
 * Workspace rows an import is about to take away (the force-months it replaces, the extract rows it refreshes), as an
 * engine-authored SQL predicate over the dataset's table: their references are not duplicates of the new rows.
 */
export type Leaving = Partial<Record<string, string>>;

/** How many references were made from the file and line: the row had none, or shared it with an earlier row. */
export interface MadeRefs {
  missing: number;
  shared: number;
}

/**
 * police.uk counts every row of a street file, so a reference shared by several rows (of this file, or with rows
 * already in the workspace) is not a duplicate: every such row gets a reference made from the file and line. Several
 * files checked as one (fileLines.ts) are one sequence in file order: a later file's row sharing an earlier file's
 * reference gets one made, as it would if the earlier file were already written. Returns the counts by staged file.
 */
async function makeRefsUnique(
  connection: DuckDBConnection,
  index: number,
  key: string,
  dataset: string,
  refs: NonNullable<ImportPlan['uniqueRefs']>,
  leaving: string | undefined,
): Promise<Map<number, MadeRefs>> {
  const table = targetTable(index);
  const k = quoteIdent(key);
  // The constant stem first: the file's own prefix (a lookup by line when several files are checked as one) is then
  // built only for the few rows whose reference could be one made here.
  const ours = `(starts_with(${k}, ${sqlString(refs.stem)}) AND starts_with(${k}, ${refs.prefixSql}))`;
  const byFile = async () => {
    const reader = await connection.runAndReadAll(`SELECT ${fileOfLine()}, count(*) FROM ${table} WHERE issue IS NULL AND ${ours} GROUP BY 1`);
    return new Map(reader.getRows().map(([file, n]) => [toCount(file), toCount(n)]));
  };
  const missing = await byFile();
  // The first row with a reference keeps it; later rows with the same one get theirs made. As in flagDuplicates,
  // only rows whose reference's 64-bit hash repeats are grouped by the reference itself.
  let changed = (
    await connection.run(
      `UPDATE ${table} SET ${k} = ${refs.made}
       FROM (SELECT ${k}, min(line) AS first_line FROM ${table}
             WHERE issue IS NULL AND NOT ${ours} AND hash(${k}) IN (SELECT h FROM (SELECT hash(${k}) AS h FROM ${table} WHERE issue IS NULL AND NOT ${ours}) GROUP BY h HAVING count(*) > 1)
             GROUP BY ${k} HAVING count(*) > 1) d
       WHERE ${table}.issue IS NULL AND ${table}.${k} = d.${k} AND ${table}.line > d.first_line`,
    )
  ).rowsChanged;
  if (await hasTable(connection, dataset)) {
    changed += (
      await connection.run(
        `UPDATE ${table} SET ${k} = ${refs.made}
         WHERE issue IS NULL AND NOT ${ours} AND ${k} IN (SELECT ${k} FROM main.${quoteIdent(dataset)}
           WHERE ${k} IN (SELECT ${k} FROM ${table} WHERE issue IS NULL AND NOT ${ours})${leaving ? ` AND (${leaving}) IS NOT TRUE` : ''})`,
      )
    ).rowsChanged;
  }
  // The made references now counted, less those made for missing ones, are the shared ones (counted again only if any).
  const made = changed > 0 ? await byFile() : missing;
  const files = [...new Set([...missing.keys(), ...made.keys()])];
  return new Map(files.map((file) => [file, { missing: missing.get(file) ?? 0, shared: (made.get(file) ?? 0) - (missing.get(file) ?? 0) }]));
}

const unpivotTable = (i: number) => `csw_unpivot_${i}`;

/**
 * Several targets of one dataset (a column per age, per SPI component, per survey question) are first turned long as
 * raw text — one row per source row and target, each canonical column taken from that target's source — so the
 * checking expressions are built once rather than once per target. Returns the single target over that table.
 */
async function unpivot(connection: DuckDBConnection, targets: Target[], index: number): Promise<Target> {
  const names = [...new Set(targets.flatMap((t) => Object.keys(t.columns).filter((c) => t.columns[c])))];
  const pick = (value: (t: Target) => string) => `CASE k ${targets.map((t, i) => `WHEN ${i} THEN ${value(t)}`).join(' ')} END`;
  const columns = names.flatMap((name) => [
    `${pick((t) => rawSql(t.columns[name]))} AS ${quoteIdent(name)}`,
    `${pick((t) => { const s = t.columns[name]; return s ? labelSql(s) : 'NULL'; })} AS ${quoteIdent(`${name}__label`)}`,
  ]);
  const where = pick((t) => t.where ?? 'true');
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${unpivotTable(index)} AS
     SELECT line, n_fields, ${columns.join(', ')} FROM ${STAGE}, range(${targets.length}) r(k) WHERE ${where} ORDER BY line, k`,
  );
  return {
    dataset: targets[0].dataset,
    columns: Object.fromEntries(names.map((name) => [name, { from: 'sql', sql: quoteIdent(name), label: name, labelSql: quoteIdent(`${name}__label`) }])),
  };
}

const GEOGRAPHY_COLUMNS = ['lsoa_code', 'ward_code', 'ward_name', 'district_code', 'district_name'];

/**
 * The canonical columns a dataset's checked table holds: those the file maps, the key, the geography the lookup fills,
 * and every column of a lookup. The rest are left to the dataset table's default, NULL: a flag the file does not have
 * is unknown, not "no", and is not carried through checking ten million times.
 */
export function storedColumns(plan: ImportPlan, targets: Target[]): CanonicalColumn[] {
  const dataset = targets[0].dataset;
  const spec = canonicalDatasets[dataset];
  if (plan.mode !== 'append') return spec.columns;
  const keep = new Set([spec.key, ...(locatedDatasets.includes(dataset) ? GEOGRAPHY_COLUMNS : [])]);
  return spec.columns.filter((c) => keep.has(c.name) || targets.some((t) => t.columns[c.name]));
}

function targetSelect(
  plan: ImportPlan,
  target: Target,
  width: number,
  relation: string,
  stored: CanonicalColumn[],
  { lsoa, offences, values }: { lsoa?: LsoaFill; offences?: OffenceMap; values: ValueMaps },
): string {
  const typed: string[] = [];
  const issues: string[] = [
    // A negative count marks a record whose quoted value swallowed following lines (csvRecords.ts): -n lines.
    `CASE WHEN n_fields < 0 THEN {'column': NULL, 'reason': 'opens a quoted value that runs over ' || -n_fields || ' lines taking in what look like whole records, so a quote is probably unbalanced; the lines after it were read as records of their own'} END`,
    `CASE WHEN n_fields <> ${width} THEN {'column': NULL, 'reason': 'has ' || n_fields || ' fields; the header has ${width}'} END`,
  ];
  for (const column of stored) {
    const given = target.columns[column.name];
    // The offence names' text as the map computed it once per distinct value, in place of the per-row expression
    // (labels still name the file's column).
    const mapped = given && offences?.raw[column.name];
    const source: ColumnSource | undefined = mapped && given ? { from: 'sql', sql: mapped, label: sourceLabel(given), labelSql: labelSql(given) } : given;
    const fromMap = values.columns[column.name];
    let value = column.name === 'lsoa_code' && lsoa?.code ? lsoa.code : (fromMap?.value ?? typedSql(column, source, plan));
    if (source && column.name === 'offence_group') value = canonicalGroupSql();
    if (source && column.name === 'offence_subgroup') value = canonicalSubgroupSql(target);
    const filled = lsoa?.columns[column.name];
    if (filled) value = filled(value);
    typed.push(`${value} AS ${quoteIdent(column.name)}`);
    const reason = fromMap ? fromMap.reason : reasonSql(column, source, plan, value);
    if (reason && source) issues.push(issueSql(labelSql(source), reason));
    if (source && (column.name === 'offence_group' || column.name === 'offence_subgroup')) {
      const raw = rawSql(source);
      const label = column.name === 'offence_group' ? 'is not a known offence group' : 'is not a subgroup of its offence group';
      issues.push(issueSql(labelSql(source), `CASE WHEN NULLIF(trim(${raw}), '') IS NOT NULL AND ${value} IS NULL THEN ${sqlString(column.name)} || ' "' || trim(${raw}) || '" ${label}' END`));
    }
  }
  const where = target.where ? `WHERE ${target.where}` : '';
  return `SELECT line, ${typed.join(', ')}, coalesce(${issues.join(', ')}) AS issue FROM ${relation} ${offences?.join ?? ''} ${lsoa?.join ?? ''} ${values.joins.join(' ')} ${where}`;
}

function issueSql(label: string, reason: string): string {
  return `CASE WHEN (${reason}) IS NOT NULL THEN {'column': ${label}, 'reason': ${reason}} END`;
}

function canonicalGroupSql(): string {
  return 'csw_om.csw_group_name';
}

function canonicalSubgroupSql(target: Target): string {
  return target.columns.offence_group ? 'csw_om.csw_sub_name' : 'NULL::VARCHAR';
}

/** A reference seen earlier in the file, or already in the workspace, makes the row a duplicate. */
async function flagDuplicates(connection: DuckDBConnection, index: number, key: string, dataset: string, leaving?: string): Promise<void> {
  const table = targetTable(index);
  const k = quoteIdent(key);
  const inWorkspace = await hasTable(connection, dataset);
  // Repeats are found by grouping 64-bit hashes of the references first; only rows whose hash repeats are grouped by
  // the reference itself, and only theirs are updated (no window over every row).
  const usable = `issue IS NULL AND ${k} IS NOT NULL`;
  await connection.run(
    `UPDATE ${table} SET issue = {'column': ${sqlString(key)}, 'reason': ${sqlString(key)} || ' "' || d.${k} || '" appears earlier in this file, on line ' || ${lineInFile('d.first_line')}}
     FROM (SELECT ${k}, min(line) AS first_line FROM ${table}
           WHERE ${usable} AND hash(${k}) IN (SELECT h FROM (SELECT hash(${k}) AS h FROM ${table} WHERE ${usable}) GROUP BY h HAVING count(*) > 1)
           GROUP BY ${k} HAVING count(*) > 1) d
     WHERE ${table}.issue IS NULL AND ${table}.${k} = d.${k} AND ${table}.line > d.first_line`,
  );
  if (inWorkspace) {
    // Only the workspace's rows with this file's references are grouped (a semi-join on the new rows), not every row
    // the workspace holds, which each file of a twenty-four-file import would otherwise group again.
    await connection.run(
      `UPDATE ${table} SET issue = {'column': ${sqlString(key)}, 'reason': ${sqlString(key)} || ' "' || ${table}.${k} || '" is already in the workspace (import #' || m.import_id || ')'}
       FROM (SELECT ${k}, any_value(import_id) AS import_id FROM main.${quoteIdent(dataset)}
             WHERE ${k} IN (SELECT ${k} FROM ${table} WHERE issue IS NULL)${leaving ? ` AND (${leaving}) IS NOT TRUE` : ''} GROUP BY ${k}) m
       WHERE ${table}.issue IS NULL AND ${table}.${k} = m.${k}`,
    );
  }
}
