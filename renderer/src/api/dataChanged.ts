import { useSyncExternalStore } from 'react';

/**
 * A counter bumped whenever the workspace's data changes from this window (an import, a removed import), so views
 * that show what the data holds — the header's areas after a lookup, the dataset list — ask again rather than wait
 * for a reload. Keyed queries include it in their key.
 */
let version = 0;
const listeners = new Set<() => void>();

export function notifyDataChanged(): void {
  version += 1;
  for (const listener of listeners) listener();
}

export function useDataVersion(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
}
