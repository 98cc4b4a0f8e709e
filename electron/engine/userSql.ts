import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from './errors';
import { checkParseTree } from './userSqlAllowList';

// DuckDB's StatementType numbering (duckdb.h); only SELECT-shaped statements may run as user SQL.
const SELECT = 1;
const statementNames: Record<number, string> = {
  2: 'INSERT', 3: 'UPDATE', 4: 'EXPLAIN', 5: 'DELETE', 6: 'PREPARE', 7: 'CREATE', 8: 'EXECUTE', 9: 'ALTER',
  10: 'transaction', 11: 'COPY', 12: 'ANALYZE', 13: 'SET VARIABLE', 14: 'CREATE FUNCTION', 15: 'DROP', 16: 'EXPORT',
  17: 'PRAGMA', 18: 'VACUUM', 19: 'CALL', 20: 'SET', 21: 'LOAD', 22: 'relation', 23: 'INSTALL', 24: 'logical plan',
  25: 'ATTACH', 26: 'DETACH', 27: 'multi', 28: 'COPY DATABASE', 29: 'UPDATE EXTENSIONS',
};

/**
 * ── TRUST BOUNDARY ── An analyst's SQL text. The instance is already sealed (see lockdown.ts); this check adds clear
 * messages and keeps user SQL read-only: exactly one statement, it must be a query, and everything it calls must be on
 * the allow-list (userSqlAllowList.ts). The text is then handed to
 * DuckDB's `query()` table function as a bound value, never spliced into engine SQL, and `query()` itself refuses
 * anything but a single SELECT.
 */
export async function checkUserSql(connection: DuckDBConnection, sql: string): Promise<void> {
  const statements = await connection.extractStatements(sql).catch((error: Error) => {
    // node-api reports text with no statement at all (blank, only comments or semicolons) as a bare native error.
    if (error.message === 'Error in native callback') throw noStatement();
    throw error;
  });
  if (statements.count === 0) throw noStatement();
  if (statements.count > 1) {
    throw new EngineError('not_allowed', pivotWithoutValues(sql) ?? `Run one statement at a time: this text holds ${statements.count} statements.`);
  }
  // Parse-only first, so `DROP TABLE missing` is refused as a DROP rather than reported as a missing table. The
  // serialiser is called by its full name so that nothing in the workspace can stand in for it.
  const parsed = await connection.runAndReadAll(`SELECT system.main.json_serialize_sql(?::VARCHAR)`, [sql]);
  const tree = JSON.parse(String(parsed.getRows()[0][0])) as { error?: boolean; error_message?: string; statements?: unknown };
  if (tree.error && String(tree.error_message).startsWith('Only SELECT statements')) throw notAllowed(firstKeyword(sql));
  // Before anything binds the statement: binding a table function can already run it.
  if (!tree.error) checkParseTree(tree.statements);
  // A syntax error surfaces here, with DuckDB's message and position.
  const prepared = await statements.prepare(0);
  try {
    if (prepared.statementType !== SELECT) throw notAllowed(statementNames[prepared.statementType]);
  } finally {
    prepared.destroySync();
  }
  // A SELECT whose parse tree could not be checked does not run (fail closed).
  if (tree.error || tree.statements === undefined) {
    throw new EngineError('not_allowed', `This query cannot be checked, so it cannot run here (${String(tree.error_message ?? 'no parse tree').slice(0, 200)}).`);
  }
}

const notAllowed = (kind: string | undefined) =>
  new EngineError(
    'not_allowed',
    `${kind ? `${kind} statements` : 'Statements of this kind'} cannot run here: user SQL only reads the workspace (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE).`,
  );

/** The statement's leading keyword, for the message only (never for the decision), skipping comments. */
function firstKeyword(sql: string): string | undefined {
  const body = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '');
  return /^[A-Za-z]+/.exec(body)?.[0].toUpperCase();
}

/**
 * DuckDB runs a PIVOT whose values are not listed as two statements (the first finds the values), so one PIVOT would
 * be refused as "2 statements", which the analyst never wrote. Said plainly instead, with the form that runs. Only for
 * text with no semicolon between statements, so real multi-statement text keeps the general message.
 */
function pivotWithoutValues(sql: string): string | undefined {
  if (!/\bpivot\b/i.test(sql) || /;\s*\S/.test(sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, ''))) return undefined;
  return 'A PIVOT must list the values it turns into columns here (DuckDB would run an unlisted PIVOT as two statements, and user SQL runs one): add them with IN, for example PIVOT crimes ON offence_group IN (\'Burglary\', \'Theft\') USING count(*).';
}

const noStatement = () => new EngineError('invalid_input', 'There is no SQL statement to run.');

/** The engine-owned statement that materialises a checked user query; `?` is bound to the user's text. */
export function materialiseStatement(resultsDb: string, resultId: string): string {
  if (!/^r_[0-9]+$/.test(resultId)) throw new EngineError('internal', `Bad result id ${resultId}.`);
  return `CREATE TABLE ${resultsDb}.main.${resultId} AS FROM query(?)`;
}
