import type { Api } from '../../../shared/api';
import { createHttpApi } from './httpApi';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the preload. */
    api?: Api;
  }
}

/** Electron's preload bridge when running in the app; otherwise the loopback server that served this page. */
export function selectApi(): Api {
  return window.api ?? createHttpApi();
}
