import { expect } from 'vitest';
import type { Engine } from '../../electron/engine';

/**
 * Starts an operation and presses Cancel on it until it settles, instead of waiting a fixed time for the query to
 * start. The first press waits for the operation's first event (it is registered and running) and must
 * answer cancelled: true. A press that lands before DuckDB has begun the query is lost (DuckDB clears an interrupt when
 * a query starts; reported to the lead, issue 16), so presses repeat until the operation has ended; the first after
 * the query starts stops it.
 */
export async function runAndCancel<T>(engine: Engine, operationId: string, start: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  let registered!: () => void;
  const running = new Promise<void>((resolve) => (registered = resolve));
  const unsubscribe = engine.onEvent((event) => event.operationId === operationId && registered());
  let settled = false;
  const result = start().finally(() => (settled = true));
  try {
    await Promise.race([running, result]);
    const started = Date.now();
    for (let press = 1; !settled; press++) {
      const cancel = await engine.invoke('operations.cancel', { operationId });
      // The first press finds the operation running; a later one may find it just ended (by an earlier press).
      if (press === 1) expect(cancel, 'the first Cancel press').toEqual({ ok: true, value: { cancelled: true } });
      else if (!(cancel.ok && cancel.value.cancelled)) break;
      if (Date.now() - started > timeoutMs) throw new Error(`${operationId} did not stop within ${timeoutMs} ms of pressing Cancel`);
      await Promise.race([result, new Promise((r) => setTimeout(r, 25))]);
    }
    return await result;
  } finally {
    unsubscribe();
  }
}
