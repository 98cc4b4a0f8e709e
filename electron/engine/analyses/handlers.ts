import { analyses, findAnalysis } from '../../../shared/analyses/registry';
import type { Analysis } from '../../../shared/analyses/schema';
import { EngineError } from '../errors';
import { auditWith, type EngineContext, type Handlers } from '../handlerKit';
import { coverageWarnings, periodCoverage } from './coverage';
import { analysisNotes, resultWarnings } from './notes';
import { allowedValues } from './parameterValues';
import { resolveParameters } from './resolveParameters';
import { runAnalysis } from './runAnalysis';
import { listUserAnalyses, runUserAnalysis, saveUserAnalysis } from './userAnalyses';

/** A saved user analysis carries a `user` marker the export metadata does not. */
const stripUser = ({ user: _user, ...metadata }: Omit<Analysis, 'sql'> & { user?: true }) => metadata;

/** The analysis library and the workspace's own saved analyses: listed, saved and run. */
export function analysisHandlers({ workspace, operations, results }: EngineContext): Handlers<'analyses.list' | 'analyses.save' | 'analyses.run' | 'analyses.values'> {
  const audit = auditWith(workspace);

  const runLibraryAnalysis = (id: string, params: Record<string, string | number>, operationId: string) =>
    workspace.withConnection(async (connection) => {
      const started = performance.now();
      // The workspace's own analyses are read only when the id is not a built-in one.
      let analysis: Analysis | undefined = findAnalysis(id);
      if (!analysis) {
        const mine = await listUserAnalyses(connection);
        analysis = mine.find((a) => a.id === id);
        if (!analysis) throw new EngineError('not_found', `There is no analysis "${id}"; the library has ${[...analyses, ...mine].map((a) => a.id).join(', ')}.`);
      }
      const resolved = await resolveParameters(connection, analysis, params);
      const run = 'user' in analysis ? runUserAnalysis : runAnalysis;
      const parameters = { ...resolved.values, area: resolved.areaName, ...(resolved.comparatorName ? { comparator: resolved.comparatorName } : {}) };
      const { sql, ...metadata } = analysis;
      const coverage = await periodCoverage(connection, analysis, resolved.values);
      const created = await results.create(
        connection,
        `analysis ${analysis.id} ${JSON.stringify(resolved.values)}`,
        (relation) => operations.run(operationId, analysis.title, connection, () => run(connection, analysis, resolved, relation), 'duckdb', workspace.queryTimeLimitMs),
        { analysis: { ...stripUser(metadata), source: 'user' in analysis ? 'user' : 'library' }, parameters, area: resolved.areaName, comparator: resolved.comparatorName, sql },
      );
      const warnings = [...coverageWarnings(coverage), ...(await resultWarnings(connection, results.relation(created.resultId)))];
      const notes = [...analysisNotes(analysis, resolved.values), ...(resolved.comparatorNote ? [resolved.comparatorNote] : [])];
      results.annotate(created.resultId, { warnings, notes });
      return {
        ...created,
        parameters,
        area: resolved.areaName,
        comparator: resolved.comparatorName,
        coverage,
        warnings,
        notes,
        elapsedMs: performance.now() - started,
      };
    });

  return {
    'analyses.list': async () => {
      const mine = await workspace.withConnection(listUserAnalyses);
      return {
        analyses: [
          ...analyses.map(({ sql: _sql, ...metadata }) => ({ ...metadata, source: 'library' as const })),
          ...mine.map(({ sql: _sql, user: _user, ...metadata }) => ({ ...metadata, source: 'user' as const })),
        ],
      };
    },

    'analyses.save': audit<'analyses.save'>({
      action: 'save-analysis',
      subject: ({ analysis }) => analysis.metadata.id,
      detail: ({ analysis }) => ({ title: analysis.metadata.title, sql: analysis.sql }),
    })(({ analysis }) => workspace.withConnection(async (connection) => ({ id: await saveUserAnalysis(connection, analysis) }))),

    'analyses.run': audit<'analyses.run'>({
      action: 'analysis',
      subject: ({ id }) => id,
      detail: ({ params }) => ({ requested: params }),
      describe: (value) => ({ parameters: value.parameters, rows: value.rowCount }),
    })(({ id, params, operationId }) => runLibraryAnalysis(id, params, operationId)),

    // The values of the data a parameter may name (offence groups, flags…), for the form's pickers.
    'analyses.values': ({ id, name, params }) =>
      workspace.withConnection(async (connection) => {
        const parameter = findAnalysis(id)?.parameters.find((p) => p.name === name);
        if (!parameter) throw new EngineError('not_found', `The analysis "${id}" has no parameter "${name}".`);
        return { values: (await allowedValues(connection, parameter, params)) ?? [] };
      }),
  };
}
