import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../../shared/api';

const ApiContext = createContext<Api | null>(null);

/** The renderer's only door to the engine; which transport sits behind it is decided once, in main.tsx. */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>.');
  return api;
}
