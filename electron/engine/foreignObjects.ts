import type { DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { EngineError } from './errors';
import { rebuildPeopleView } from './import/peopleView';

/*
 * ── TRUST BOUNDARY ── A workspace file is data, and may have been crafted. DuckDB resolves an unqualified function
 * name in the file's own `main` schema before its built-ins, so a planted macro named `unhex`, `sha256` or `left`
 * would change what the engine's own SQL computes (the in-SQL HMAC among it), and a planted view could call anything
 * whenever it is read. The app creates tables, one view (`main.crime_people`, rebuilt on opening) and nothing else, so
 * a file holding a macro, a view, a type or a sequence it did not create is refused before any other SQL runs. This
 * check names every catalogue function fully (`system.main.…`) so that nothing in the file can stand in for it.
 */

/** Views the app itself creates (and rebuilds on opening, so their definitions are always the app's). */
const APP_VIEWS = new Set(['main.crime_people']);

const CATALOGUE = `
  SELECT 'macro', schema_name, function_name FROM system.main.duckdb_functions()
    WHERE database_name = system.main.current_database() AND NOT internal
  UNION ALL SELECT 'view', schema_name, view_name FROM system.main.duckdb_views()
    WHERE database_name = system.main.current_database() AND NOT internal
  UNION ALL SELECT 'type', schema_name, type_name FROM system.main.duckdb_types()
    WHERE database_name = system.main.current_database() AND NOT internal
  UNION ALL SELECT 'sequence', schema_name, sequence_name FROM system.main.duckdb_sequences()
    WHERE database_name = system.main.current_database()`;

export async function refuseForeignObjects(connection: DuckDBConnection, workspacePath: string): Promise<void> {
  const rows = (await connection.runAndReadAll(CATALOGUE)).getRows().map(([kind, schema, name]) => ({ kind: String(kind), name: `${String(schema)}.${String(name)}` }));
  const foreign = rows.filter((o) => !(o.kind === 'view' && APP_VIEWS.has(o.name)));
  if (foreign.length === 0) return;
  const listed = foreign.slice(0, 5).map((o) => `${o.kind} ${o.name.slice(0, 80)}`).join(', ');
  throw new EngineError(
    'not_allowed',
    `${path.basename(workspacePath)} is not opened: it holds ${foreign.length === 1 ? 'an object' : `${foreign.length} objects`} Community Safety Workbench did not create (${listed}${foreign.length > 5 ? ', …' : ''}). A workspace holds only tables, so this file was made or changed by something else, perhaps to make the app compute the wrong thing. Open a workspace made by the app, or import the original files into a new one.`,
  );
}

/** The app's own view, rebuilt from the tables on opening, so a definition planted under its name never survives. */
export async function rebuildAppViews(connection: DuckDBConnection): Promise<void> {
  const views = await connection.runAndReadAll(
    `SELECT count(*) FROM system.main.duckdb_views() WHERE database_name = system.main.current_database() AND schema_name = 'main' AND view_name = 'crime_people'`,
  );
  if (Number(views.getRows()[0][0]) === 0) return;
  await connection.run('DROP VIEW main.crime_people');
  await rebuildPeopleView(connection);
}
