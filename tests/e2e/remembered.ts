import { expect } from 'vitest';
import type { UiState } from '../../shared/contracts/session';
import type { WebServer } from './harness';

/**
 * Waits until the host has remembered where the analyst left off (the renderer writes it shortly after the last
 * change), read back through the session channel as the next start reads it: a reload before then would open on the
 * previous state, and a fixed wait is either too long or, on a loaded machine, too short.
 */
export async function untilRemembered(server: WebServer, ui: UiState): Promise<void> {
  const remembered = async () => {
    const response = await fetch(`${server.origin}/api/session.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-csw-token': server.token }, body: '{}' });
    const result = (await response.json()) as { ok: true; value: { ui: UiState } } | { ok: false };
    return result.ok ? result.value.ui : result;
  };
  await expect.poll(remembered, { timeout: 30_000, interval: 50 }).toMatchObject(ui);
}
