import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { eventChannel, rendererChannelNames } from '../../shared/channels';

/*
 * Exposes window.api: one function per contract channel (but the local ones, which write files the caller names)
 * and an event subscription — never ipcRenderer itself.
 * Payloads are validated in the main process, so this stays a dumb pass-through.
 */
const api: Record<string, unknown> = Object.fromEntries(
  rendererChannelNames.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]),
);
api.onEvent = (listener: (event: unknown) => void) => {
  const handler = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(eventChannel, handler);
  return () => ipcRenderer.removeListener(eventChannel, handler);
};

contextBridge.exposeInMainWorld('api', api);

// Drag and drop: the renderer sees only a File; its path on disk comes from here, for the import wizard.
contextBridge.exposeInMainWorld('desktop', { pathForFile: (file: File) => webUtils.getPathForFile(file) });
