import type { IpcMain, WebFrameMain } from 'electron';
import { rendererChannelNames } from '../../shared/channels';
import { fail } from '../../shared/result';
import type { Dispatch } from '../engine';
import { isTrustedSender } from './security';

/**
 * Registers every contract channel the renderer may call (not the local ones: shared/channels.ts) through one
 * wrapper: the sender frame must be the app's own top-level page, then the engine's dispatcher validates the payload
 * and returns a Result.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, devServerUrl?: string): void {
  for (const channel of rendererChannelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame && { url: frame.url, isTopFrame: isTopFrame(frame) }, devServerUrl)) {
        return fail('forbidden', 'IPC refused: the sender is not the app\'s own page.');
      }
      return dispatch(channel, input);
    });
  }
}

const isTopFrame = (frame: WebFrameMain): boolean => frame.parent === null;
