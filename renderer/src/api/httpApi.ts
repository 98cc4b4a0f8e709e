import type { Api, OperationEvent } from '../../../shared/api';
import { channelNames } from '../../../shared/channels';
import type { Result } from '../../../shared/result';

/** The Api over the loopback web server (`npm run web`): same contract, same engine, same validation. */
export function createHttpApi(base = ''): Api {
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `The engine did not answer: ${(error as Error).message}` } };
    }
  };
  const listeners = new Set<(event: OperationEvent) => void>();
  let source: EventSource | undefined;
  const api = Object.fromEntries(channelNames.map((channel) => [channel, (input: unknown) => call(channel, input)]));
  return {
    ...api,
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${base}/api/events`);
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
