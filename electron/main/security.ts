/*
 * ── SECURITY FENCE ── Pure decisions for the Electron shell, unit tested without Electron: which URLs are the app's
 * own, which IPC senders are trusted, and the window's web preferences.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** True only for app://workbench/… (or, in development, the electron-vite dev server's own origin). */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '') return true;
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Requests the session may make: the app's own files, and Chromium's internal devtools/data URLs. */
export function isAllowedRequest(raw: string, devServerUrl?: string): boolean {
  if (isAppUrl(raw, devServerUrl)) return true;
  return /^(devtools|data|blob):/.test(raw);
}

/**
 * The one permission the app uses: writing a chart image to the clipboard ("Copy chart"), for its own page only.
 * Everything else (camera, notifications, geolocation, reading the clipboard…) is refused.
 */
export function isAllowedPermission(permission: string, requestingUrl: string | undefined, devServerUrl?: string): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl, devServerUrl);
}

export interface SenderFrame {
  url: string;
  /** The frame is the window's main frame, not an iframe. */
  isTopFrame: boolean;
}

/** IPC is answered only for the app's own top-level page (as VS Code's validatedIpcMain does). */
export function isTrustedSender(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  return !!frame && frame.isTopFrame && isAppUrl(frame.url, devServerUrl);
}

export function windowOptions(preloadPath: string) {
  return {
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Community Safety Workbench',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  } as const;
}
