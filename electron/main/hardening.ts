import { app, session, type Session } from 'electron';
import { isAllowedPermission, isAllowedRequest, isAppUrl } from './security';

/*
 * ── SECURITY FENCE ── Applied once at start-up, before any window exists: nothing leaves the machine, nothing
 * navigates away from the app, no new windows, no webviews, and no permission but writing a chart to the clipboard.
 */
export function hardenSession(target: Session = session.defaultSession, devServerUrl?: string): void {
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devServerUrl) });
  });
  target.setPermissionRequestHandler((contents, permission, callback, details) => callback(isAllowedPermission(permission, details.requestingUrl ?? contents?.getURL(), devServerUrl)));
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin, devServerUrl));
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
