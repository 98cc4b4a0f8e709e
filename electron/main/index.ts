import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { eventChannel } from '../../shared/channels';
import { buildSampleWorkspace } from '../engine/sampleWorkspace';
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
  host = await createWorkspaceHost(workspacePath, { settingsDir: userData, chooseFile: chooseFileWith(window) });
  registerIpc(ipcMain, host.dispatch, devServerUrl);
  host.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, event);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? APP_ENTRY);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => host?.close());
