import { dialog, type BrowserWindow } from 'electron';
import type { FilePurpose } from '../../shared/contracts/session';

const importable = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'parquet', 'geojson', 'json'] },
  { name: 'All files', extensions: ['*'] },
];
const workspaces = [{ name: 'Workspaces', extensions: ['duckdb'] }];

/** The native open and save dialogs, attached to the app's window; a cancelled dialog gives null. */
export function chooseFileWith(window: BrowserWindow) {
  return async (purpose: FilePurpose, suggestedName?: string): Promise<string | null> => {
    if (purpose === 'new-workspace' || purpose === 'export') {
      const saved = await dialog.showSaveDialog(window, {
        title: purpose === 'export' ? 'Export' : 'New workspace',
        defaultPath: suggestedName ?? (purpose === 'new-workspace' ? 'New workspace.duckdb' : undefined),
        filters: purpose === 'new-workspace' ? workspaces : undefined,
      });
      return saved.canceled || !saved.filePath ? null : saved.filePath;
    }
    const opened = await dialog.showOpenDialog(window, {
      title: purpose === 'import' ? 'Import a file' : 'Open a workspace',
      properties: ['openFile'],
      filters: purpose === 'import' ? importable : workspaces,
    });
    return opened.canceled ? null : (opened.filePaths[0] ?? null);
  };
}
