import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Output } from '../../../shared/api';
import type { UiState } from '../../../shared/contracts/session';
import { useApi } from '../api/ApiContext';

type Session = Output<'session.get'>;

interface SessionValue {
  session: Session;
  /** Where the analyst is (view, selections) and the assessment settings shared by every analysis. */
  ui: UiState;
  update(change: Partial<UiState> | ((current: UiState) => Partial<UiState>)): void;
  /** Writes any change not yet remembered; called before switching workspace so nothing is lost. */
  flush(): Promise<void>;
  /** After opening or creating another workspace: reload everything for it. */
  switched(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Loads which workspace is open and where the analyst left off in it, and remembers changes (shortly after they stop,
 * so typing SQL does not write the settings file on every key).
 */
export function SessionProvider({ children, fallback }: { children: (session: Session) => ReactNode; fallback: (error: string | null) => ReactNode }) {
  const api = useApi();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ui, setUi] = useState<UiState>({});
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<{ path: string; ui: UiState } | null>(null);
  const path = session?.current.path;

  useEffect(() => {
    let live = true;
    api['session.get']({}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setSession(result.value);
        setUi(result.value.ui);
      } else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, generation]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const write = pending.current;
    pending.current = null;
    if (write) await api['session.remember'](write);
  }, [api]);
  const update = useCallback(
    // A function of the current state, for defaults that must not undo a choice made meanwhile.
    (change: Partial<UiState> | ((current: UiState) => Partial<UiState>)) =>
      setUi((current) => {
        const next = { ...current, ...(typeof change === 'function' ? change(current) : change) };
        if (path) {
          pending.current = { path, ui: next };
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(), 300);
        }
        return next;
      }),
    [path, flush],
  );
  const switched = useCallback(() => {
    setSession(null);
    setGeneration((g) => g + 1);
  }, []);
  const value = useMemo(() => (session ? { session, ui, update, flush, switched } : null), [session, ui, update, flush, switched]);
  if (!value) return <>{fallback(error)}</>;
  return <SessionContext.Provider value={value}>{children(value.session)}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>.');
  return value;
}
