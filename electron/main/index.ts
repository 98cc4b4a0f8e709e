import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { eventChannel } from '../../shared/channels';
import { restoreBackup, EngineError, buildSampleWorkspace } from '../engine';
import { backupToOffer } from '../host/backupOffer';
import { chooseWorkspace, isDefaultWorkspace } from '../host/settings';
import { createWorkspaceHost, type WorkspaceHost } from '../host/workspaceHost';
import { chooseFileWith } from './fileDialogs';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { APP_ENTRY, windowOptions } from './security';

// The dev server URL exists only under `electron-vite dev`; a packaged app always loads app://.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let host: WorkspaceHost | undefined;

registerAppScheme();
hardenWebContents(devServerUrl);
app.enableSandbox();

app.whenReady().then(async () => {
  hardenSession(undefined, devServerUrl);
  serveAppProtocol(path.join(__dirname, '..', 'renderer'));

  const userData = app.getPath('userData');
  const workspacePath = chooseWorkspace(process.argv, userData);
  // First run: the app opens on the sample workspace, built once from the bundled generator and public files.
  if (isDefaultWorkspace(workspacePath, userData) && !fs.existsSync(workspacePath)) await buildSampleWorkspace(workspacePath);

  const window = new BrowserWindow(windowOptions(path.join(__dirname, '..', 'preload', 'index.js')));
  host = await openHost(workspacePath, userData, window);
  registerIpc(ipcMain, host.dispatch, devServerUrl);
  host.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, event);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? APP_ENTRY);
});

/**
 * Opens the host on the chosen workspace. If that file cannot be opened, the analyst is told why, and offered a copy of
 * its newest backup if it is damaged; otherwise (or if they decline) the app opens on the sample workspace.
 */
async function openHost(workspacePath: string, userData: string, window: BrowserWindow): Promise<WorkspaceHost> {
  const options = { settingsDir: userData, chooseFile: chooseFileWith(window) };
  try {
    return await createWorkspaceHost(workspacePath, options);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    // Only a damaged file is offered its backup: one open elsewhere, from a newer app or holding objects the app did
    // not create is told why, and the app opens on the sample workspace instead of failing to start.
    const latest = backupToOffer(error, workspacePath);
    const choice = await dialog.showMessageBox(window, {
      type: 'error',
      message: 'The workspace cannot be opened',
      detail: error.message,
      buttons: latest ? ['Open a copy of the newest backup', 'Open the sample workspace'] : ['Open the sample workspace'],
    });
    if (latest && choice.response === 0) return createWorkspaceHost(restoreBackup(workspacePath, latest.path), options);
    const sample = path.join(userData, 'Sample workspace.duckdb');
    if (!fs.existsSync(sample)) await buildSampleWorkspace(sample);
    return createWorkspaceHost(sample, options);
  }
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => host?.close());
