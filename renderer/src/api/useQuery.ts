import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Result } from '../../../shared/result';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; value: T };

/** Server data keyed by what was asked for; re-fetches when the key changes, and on demand after a change. */
/**
 * `keepWhileReloading`: while a changed key is fetched, go on showing the last answer instead of "loading", for lists
 * that are asked again after a change (a removed import must not blank the panel that reports its removal).
 */
export function useQuery<T>(key: string, load: () => Promise<Result<T>>, options: { keepWhileReloading?: boolean } = {}): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((current) => (options.keepWhileReloading && current.status === 'ready' ? current : { status: 'loading' }));
    load().then((result) => {
      if (live) setState(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
    // `load` is intentionally not a dependency: the key says when the question changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
