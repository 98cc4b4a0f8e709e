import { auditWith, type EngineContext, type Handlers } from '../handlerKit';
import { checkUserSql, materialiseStatement } from '../userSql';
import { RESULTS_DB } from '../workspace';
import { prepareEditorParams } from './editorParams';

/** The analyst's own SQL: checked against the allow-list, run with a time limit, kept as a result. */
export function sqlHandlers({ workspace, operations, results }: EngineContext): Handlers<'sql.run'> {
  const audit = auditWith(workspace);
  return {
    'sql.run': audit<'sql.run'>({
      action: 'query',
      subject: ({ sql }) => sql.replace(/\s+/g, ' ').trim(),
      detail: ({ sql, params }) => (params ? { sql, params } : { sql }),
      describe: (value) => ({ rows: value.rowCount }),
    })(({ sql, operationId, params }) =>
      workspace.withConnection(async (connection) => {
        const started = performance.now();
        if (params) await prepareEditorParams(connection, params);
        await checkUserSql(connection, sql);
        const created = await results.create(
          connection,
          'query',
          (_relation, id) => operations.run(operationId, 'Running query', connection, () => connection.run(materialiseStatement(RESULTS_DB, id), [sql]), 'duckdb', workspace.queryTimeLimitMs),
          { parameters: {}, area: '', comparator: '', sql },
        );
        return { ...created, elapsedMs: performance.now() - started };
      }),
    ),
  };
}
