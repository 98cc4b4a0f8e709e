import { appVersion } from '../appInfo';
import type { EngineContext, Handlers } from '../handlerKit';

/** The workspace itself and the operations running on it. */
export function sessionHandlers({ workspace, operations }: EngineContext): Handlers<'workspace.info' | 'operations.cancel'> {
  return {
    'workspace.info': async () => ({
      name: workspace.name,
      path: workspace.path,
      appVersion,
      duckdbVersion: workspace.duckdbVersion,
    }),
    'operations.cancel': async ({ operationId }) => ({ cancelled: operations.cancel(operationId) }),
  };
}
