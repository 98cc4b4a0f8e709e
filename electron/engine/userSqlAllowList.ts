import { EngineError } from './errors';

/*
 * ── TRUST BOUNDARY ── What a user query may call, decided on its parse tree (DuckDB's `json_serialize_sql`), not on
 * its text. `lock_configuration` does not stop table functions that change state (`enable_logging`, `enable_profiling`,
 * `checkpoint()`), and one of them aborts the whole process when logging to a path it may not write. So this is an
 * allow-list: only table functions known to read nothing but the workspace and its catalogue may appear, anywhere in
 * the tree (subqueries, CTEs, joins, arguments); everything else is refused by name. Files come in through Import.
 */

/** Table functions that only generate rows or read the workspace's own catalogue: nothing on disk, no state. */
const READ_ONLY_TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'repeat', 'repeat_row', 'json_each', 'json_tree',
  'duckdb_columns', 'duckdb_constraints', 'duckdb_databases', 'duckdb_dependencies', 'duckdb_functions', 'duckdb_indexes',
  'duckdb_keywords', 'duckdb_memory', 'duckdb_schemas', 'duckdb_sequences', 'duckdb_settings', 'duckdb_tables',
  'duckdb_types', 'duckdb_views',
  'pragma_table_info', 'pragma_database_size', 'pragma_storage_info', 'pragma_show', 'pragma_version', 'pragma_collations',
  'pragma_platform', 'pg_timezone_names', 'icu_calendar_names',
]);

/** Scalar functions that change state (a sequence, the log, the random seed): refused wherever they appear. */
const STATEFUL_SCALAR_FUNCTIONS = new Set(['nextval', 'setseed', 'write_log']);

/** Table functions that read files, for a message that says where files come in instead. */
const readsFiles = (name: string) => /^(read_|parquet_|sniff_csv$|glob$|query$|query_table$|arrow_scan)/.test(name);

interface Node {
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** Refuses the parsed statement (the `statements` of `json_serialize_sql`) unless everything it calls is allowed. */
export function checkParseTree(tree: unknown): void {
  const visit = (node: unknown, isTableFunction = false): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child));
    if (!isNode(node)) return;
    if (node.type === 'TABLE_FUNCTION' && isNode(node.function)) {
      checkTableFunction(node.function);
      visit(node.function, true);
      for (const [key, value] of Object.entries(node)) if (key !== 'function') visit(value);
      return;
    }
    if (node.class === 'FUNCTION' && !isTableFunction) checkScalarFunction(node);
    if (node.type === 'BASE_TABLE') checkTableName(node);
    for (const value of Object.values(node)) visit(value);
  };
  visit(tree);
}

function checkTableFunction(fn: Node): void {
  const name = String(fn.function_name).toLowerCase();
  const schema = String(fn.schema ?? '').toLowerCase();
  const catalog = String(fn.catalog ?? '').toLowerCase();
  const builtIn = (schema === '' || schema === 'main') && (catalog === '' || catalog === 'system');
  if (builtIn && READ_ONLY_TABLE_FUNCTIONS.has(name)) return;
  const qualified = [catalog, schema, name].filter(Boolean).join('.');
  const why = readsFiles(name)
    ? 'it reads files or runs SQL text, and user SQL reads only the data in this workspace: bring files in with Import.'
    : 'user SQL may call only table functions that read the workspace (range, generate_series, unnest, json_each, the duckdb_… catalogue functions).';
  throw new EngineError('not_allowed', `${qualified}() is not allowed in user SQL: ${why}`);
}

function checkScalarFunction(fn: Node): void {
  const name = String(fn.function_name).toLowerCase();
  if (STATEFUL_SCALAR_FUNCTIONS.has(name)) {
    throw new EngineError('not_allowed', `${name}() is not allowed in user SQL: it changes state, and user SQL only reads the workspace.`);
  }
}

/** `FROM 'file.csv'` is a table reference DuckDB turns into a file read (a replacement scan). */
function checkTableName(ref: Node): void {
  const name = String(ref.table_name ?? '');
  if (/[/\\:*?]|\.[A-Za-z0-9]+$/.test(name)) {
    throw new EngineError('not_allowed', `Reading the file "${name.slice(0, 200)}" is not allowed in user SQL: it reads only the data in this workspace; bring files in with Import.`);
  }
}
