import type { OperationEvent } from '../../shared/api';
import { createDispatcher, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { Operations } from './operations';
import { openWorkspace, type Workspace, type WorkspaceOptions } from './workspace';

export interface Engine {
  readonly workspace: Workspace;
  /** Validating entry point shared by IPC, the loopback server and the CLI. */
  readonly dispatch: Dispatch;
  onEvent(listener: (event: OperationEvent) => void): () => void;
  close(): void;
}

/** The product's brain as a plain Node module: never imports electron, so tests, CLI and web server share it. */
export async function createEngine(workspacePath: string, options: WorkspaceOptions = {}): Promise<Engine> {
  const workspace = await openWorkspace(workspacePath, options);
  const operations = new Operations();
  const dispatch = createDispatcher(createHandlers(workspace, operations));
  return {
    workspace,
    dispatch,
    onEvent: (listener) => operations.onEvent(listener),
    close() {
      operations.cancelAll();
      workspace.close();
    },
  };
}
