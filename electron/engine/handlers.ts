import { analysisHandlers } from './analyses/handlers';
import { auditLogHandlers } from './auditLog/handlers';
import { browseHandlers } from './browse/handlers';
import { CountCache } from './countCache';
import { exportHandlers } from './exports/handlers';
import { OrderCache } from './gridOrder';
import { mergeHandlers, type EngineContext, type EngineHandlers } from './handlerKit';
import { importHandlers } from './import/handlers';
import { Pseudonymiser } from './import/pseudonymise';
import type { Operations } from './operations';
import { priorityHandlers } from './priorities/handlers';
import { ResultStore } from './results';
import { sessionHandlers } from './session/handlers';
import { sqlHandlers } from './sql/handlers';
import type { Workspace } from './workspace';

export type { EngineHandlers, Handlers } from './handlerKit';

/**
 * The engine's implementation of every channel, one feature's handlers per folder (`<feature>/handlers.ts`), merged
 * here over one shared context. Inputs arrive already validated by the dispatcher.
 */
export function createHandlers(workspace: Workspace, operations: Operations): EngineHandlers {
  let pseudonymiser: Pseudonymiser | undefined;
  const context: EngineContext = {
    workspace,
    operations,
    results: new ResultStore(workspace),
    counts: new CountCache(),
    orders: new OrderCache(),
    keyed: () => (pseudonymiser ??= Pseudonymiser.forWorkspace(workspace.path)),
  };
  const analyses = analysisHandlers(context);
  const exported = exportHandlers(context);
  return mergeHandlers(
    sessionHandlers(context),
    browseHandlers(context),
    sqlHandlers(context),
    analyses,
    importHandlers(context),
    exported,
    // The priorities file carries priority-profiles' figures: run (and audited) and prepared as by their channels.
    priorityHandlers(context, { run: analyses['analyses.run'], prepare: exported['exports.prepare'] }),
    auditLogHandlers(context),
  );
}
