import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { eventChannel } from '../../shared/channels';
import { createEngine, type Engine } from '../engine';
import { buildSampleWorkspace } from '../engine/sampleWorkspace';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { APP_ENTRY, windowOptions } from './security';
import { chooseWorkspace, isDefaultWorkspace, rememberWorkspace } from './workspaceChoice';

// The dev server URL exists only under `electron-vite dev`; a packaged app always loads app://.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let engine: Engine | undefined;

registerAppScheme();
hardenWebContents(devServerUrl);
app.enableSandbox();

app.whenReady().then(async () => {
  hardenSession(undefined, devServerUrl);
  serveAppProtocol(path.join(__dirname, '..', 'renderer'));

  const workspacePath = chooseWorkspace(process.argv, app.getPath('userData'));
  // First run: the app opens on the sample workspace, built once from the bundled generator and public files.
  if (isDefaultWorkspace(workspacePath, app.getPath('userData')) && !fs.existsSync(workspacePath)) await buildSampleWorkspace(workspacePath);
  engine = await createEngine(workspacePath);
  rememberWorkspace(app.getPath('userData'), workspacePath);
  registerIpc(ipcMain, engine.dispatch, devServerUrl);

  const window = new BrowserWindow(windowOptions(path.join(__dirname, '..', 'preload', 'index.js')));
  engine.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, event);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? APP_ENTRY);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => engine?.close());
