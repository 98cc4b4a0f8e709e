import { materialiseAudit } from '../audit';
import type { EngineContext, Handlers } from '../handlerKit';

/** The audit log, as a result the grid pages through like any other. */
export function auditLogHandlers({ workspace, results }: EngineContext): Handlers<'audit.list'> {
  return {
    'audit.list': () => workspace.withConnection((connection) => results.create(connection, 'audit log', (relation) => materialiseAudit(connection, relation))),
  };
}
