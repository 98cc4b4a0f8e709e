import type { Api, OperationEvent } from '../../../shared/api';
import { rendererChannelNames } from '../../../shared/channels';
import { TOKEN_HEADER, TOKEN_PARAM } from '../../../shared/serverToken';
import type { Result } from '../../../shared/result';

/** The server's per-start token, from the address it printed (`…/?token=…`), which is how this page was opened. */
const tokenFromPage = () => (typeof window === 'undefined' ? '' : (new URLSearchParams(window.location.search).get(TOKEN_PARAM) ?? ''));

/** The Api over the loopback web server (`npm run web`): same contract, same engine, same validation. */
export function createHttpApi(base = '', token = tokenFromPage()): Api {
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `The engine did not answer: ${(error as Error).message}` } };
    }
  };
  const listeners = new Set<(event: OperationEvent) => void>();
  let source: EventSource | undefined;
  const api = Object.fromEntries(rendererChannelNames.map((channel) => [channel, (input: unknown) => call(channel, input)]));
  return {
    ...api,
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${base}/api/events?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
        source.onmessage = (message) => {
          const event = JSON.parse(message.data as string) as OperationEvent;
          for (const l of listeners) l(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  } as Api;
}
