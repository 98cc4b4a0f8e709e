/*
 * Relations the runner makes for a library analysis whose SQL names them, beside the context tables every run gets
 * (area_districts, populations, ward_populations…: electron/engine/analyses/runAnalysis.ts): what several analyses
 * compute alike, written once — the label of the measure asked for (spc-monthly, hotspot-wards), the SPI ward measures
 * (spi-ward-values, spi-triangulation) and the priorities' periods, measures and events (priority-profiles,
 * priority-matrix, priority-summary). Each is a SQL file in
 * ./relations named after the relation, with its values bound like an analysis's; a relation reads only datasets,
 * the context tables and relations listed before it here.
 */
const sql = import.meta.glob('./relations/*.sql', { eager: true, query: '?raw', import: 'default' });

export interface SharedRelation {
  name: string;
  sql: string;
}

const names = ['measure_label', 'spi_ward_measures', 'priority_window', 'priority_measures', 'priority_events'];

export const sharedRelations: readonly SharedRelation[] = names.map((name) => {
  const text = sql[`./relations/${name}.sql`];
  if (typeof text !== 'string') throw new Error(`The shared relation ${name} has no SQL file.`);
  return { name, sql: text };
});

const mentions = (text: string, name: string) => new RegExp(`\\b${name}\\b`).test(text);

/** The shared relations a statement reads, with those they read in turn, in the order they must be made. */
export function relationsFor(statement: string): SharedRelation[] {
  const wanted = new Set<string>();
  const visit = (text: string) => {
    for (const relation of sharedRelations) {
      if (wanted.has(relation.name) || !mentions(text, relation.name)) continue;
      wanted.add(relation.name);
      visit(relation.sql);
    }
  };
  visit(statement);
  return sharedRelations.filter((relation) => wanted.has(relation.name));
}

/**
 * A statement with the shared relations it reads: the SQL a result was made by, for what reads it to learn which
 * datasets it used (an export's sources, the period's coverage) — spi-ward-values reads spi only through one.
 */
export function withRelations(statement: string): string {
  return [...relationsFor(statement).map((relation) => relation.sql), statement].join('\n');
}
