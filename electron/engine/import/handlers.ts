import type { DuckDBConnection } from '@duckdb/node-api';
import type { BatchReport } from '../../../shared/contracts/import';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { EngineError } from '../errors';
import { auditWith, type EngineContext, type Handlers } from '../handlerKit';
import { refuseWorkspaceFile } from '../ownFiles';
import { toCount } from '../rows';
import { importBatch } from './importBatch';
import { importFile, type ImportRequest } from './importFile';
import { listImports } from './importsList';
import { previewImport } from './preview';
import { listMappingProfiles, loadMappingProfile, saveMappingProfile } from './mappingProfileStore';
import { planRemoval, removeImport } from './removeImport';

type ImportChannel = 'import.run' | 'import.check' | 'import.preview' | 'imports.list' | 'imports.removal' | 'imports.remove' | 'imports.quarantine' | 'profiles.list' | 'profiles.save';

/** Bringing data in and taking an import back out: imports, their checks and previews, quarantine, mapping profiles. */
export function importHandlers({ workspace, operations, results, counts, orders, keyed }: EngineContext): Handlers<ImportChannel> {
  const audit = auditWith(workspace);

  // An import names either an inline mapping or a profile saved in the workspace.
  const mappingFor = async (connection: DuckDBConnection, request: { mapping?: MappingProfile }, profile: string | undefined) => {
    if (profile && !request.mapping) request.mapping = await loadMappingProfile(connection, profile);
  };

  /** An import, or with `dryRun` the same work rolled back: the wizard's check. */
  const importNow = (operationId: string, profile: string | undefined, request: ImportRequest, dryRun = false) =>
    workspace.withConnection(async (connection) => {
      refuseWorkspaceFile(workspace.path, request.file);
      await mappingFor(connection, request, profile);
      if (request.replace && request.refresh) throw new EngineError('invalid_input', 'Give --replace (police.uk months) or --refresh (a mapped extract), not both.');
      const name = request.files ? `${request.files.length === 1 ? request.files[0].split(/[\\/]/).pop() : `${request.files.length} paths`}` : request.file.split(/[\\/]/).pop();
      const report = await operations.run(
        operationId,
        dryRun ? `Checking ${name}` : `Importing ${name}`,
        connection,
        (control): Promise<BatchReport> => {
          const importControl = { progress: control.report, cancelled: () => control.cancelled, dryRun };
          return request.files ? importBatch(connection, workspace.filesDir, keyed(), request, importControl) : importFile(connection, workspace.filesDir, keyed(), request, importControl);
        },
        'work',
      );
      if (!dryRun) {
        counts.clear();
        await orders.clear(connection);
      }
      return report;
    });

  return {
    'import.run': audit<'import.run'>({
      action: 'import',
      subject: (request) => (request.files ? request.files.join(', ') : request.file),
      detail: ({ as, profile, mapping, replace, refresh }) => ({ as, profile: profile ?? mapping?.name ?? null, ...(replace ? { replace: true } : {}), ...(refresh ? { refresh: true } : {}) }),
      describe: (report) => ({
        ...(report.import_ids ? { import_ids: report.import_ids } : {}),
        ...(report.replaced ? { replaced: report.replaced.map((r) => ({ import_id: r.import_id, dataset: r.dataset, force: r.force, month: r.month, rows: r.rows })) } : {}),
        import_id: report.import_id,
        sha256: report.sha256,
        rows_read: report.rows_read,
        rows_imported: report.rows_imported,
        rows_quarantined: report.rows_quarantined,
      }),
    })(({ operationId, profile, ...request }) => importNow(operationId, profile, request)),

    'import.check': audit<'import.check'>({
      action: 'import-check',
      subject: (request) => request.file,
      detail: ({ as }) => ({ as }),
      describe: (report) => ({ rows_read: report.rows_read, rows_quarantined: report.rows_quarantined }),
    })(({ operationId, profile, ...request }) => importNow(operationId, profile, request, true)),

    'import.preview': ({ profile, ...request }) =>
      workspace.withConnection(async (connection) => {
        refuseWorkspaceFile(workspace.path, request.file);
        await mappingFor(connection, request, profile);
        return previewImport(connection, workspace.filesDir, keyed(), request);
      }),

    'imports.list': async () => ({ imports: await workspace.withConnection(listImports) }),

    'imports.removal': ({ importId }) => workspace.withConnection((connection) => planRemoval(connection, importId)),

    'imports.remove': audit<'imports.remove'>({
      action: 'remove-import',
      subject: ({ importId }) => `import #${importId}`,
      detail: ({ importId }) => ({ import_id: importId }),
      describe: (value) => ({ file: value.file, removed: value.removed, restored: value.restored, quarantine: value.quarantine }),
    })(({ importId }) =>
      workspace.withConnection(async (connection) => {
        const removed = await removeImport(connection, importId);
        counts.clear();
        await orders.clear(connection);
        return { import_id: removed.import_id, file: removed.file, removed: removed.removed, quarantine: removed.quarantine, restored: removed.restored };
      }),
    ),

    'imports.quarantine': ({ importId }) =>
      workspace.withConnection(async (connection) => {
        const known = await connection.runAndReadAll('SELECT count(*) FROM csw_meta.imports WHERE import_id = ?', [importId]);
        if (toCount(known.getRows()[0][0]) === 0) throw new EngineError('not_found', `There is no import #${importId} in this workspace.`);
        return results.create(connection, `quarantine of import #${importId}`, (relation) =>
          connection.run(`CREATE TABLE ${relation} AS SELECT line, "column", reason, raw FROM csw_meta.quarantine WHERE import_id = ? ORDER BY line`, [importId]),
        );
      }),

    'profiles.list': async () => ({ profiles: await workspace.withConnection(listMappingProfiles) }),

    'profiles.save': audit<'profiles.save'>({
      action: 'save-profile',
      subject: ({ profile }) => profile.name ?? '',
      detail: ({ profile }) => ({ dataset: profile.dataset }),
    })(async ({ profile }) => {
      await workspace.withConnection((connection) => saveMappingProfile(connection, profile));
      return { saved: true as const };
    }),
  };
}
