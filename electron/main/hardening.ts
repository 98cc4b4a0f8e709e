import { app, session, type Session } from 'electron';
import { isAllowedRequest, isAppUrl } from './security';

/*
 * ── SECURITY FENCE ── Applied once at start-up, before any window exists: nothing leaves the machine, nothing
 * navigates away from the app, no new windows, no permissions, no webviews.
 */
export function hardenSession(target: Session = session.defaultSession, devServerUrl?: string): void {
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devServerUrl) });
  });
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

export function hardenWebContents(devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
