import type { Channel, EngineChannel, Output, ParsedInput } from '../../shared/api';
import { channelNames, hostChannelNames } from '../../shared/channels';
import { audited, type AuditAction } from './audit';
import type { CountCache } from './countCache';
import type { OrderCache } from './gridOrder';
import type { Pseudonymiser } from './import/pseudonymise';
import type { Operations } from './operations';
import type { ResultStore } from './results';
import type { Workspace } from './workspace';

export type Handler<K extends Channel> = (input: ParsedInput<K>) => Promise<Output<K>>;
export type Handlers<C extends Channel = Channel> = { [K in C]: Handler<K> };
export type EngineHandlers = Handlers<EngineChannel>;

/** What every feature's handlers share: one workspace, its running operations and the caches over its data. */
export interface EngineContext {
  workspace: Workspace;
  operations: Operations;
  results: ResultStore;
  counts: CountCache;
  orders: OrderCache;
  /** The workspace's pseudonymiser, created on first use (the key file appears only once something is imported). */
  keyed(): Pseudonymiser;
}

/**
 * Auditing applied where a handler is registered, not inside its body: the log entry is declared beside the channel
 * (what it did, to what, with which details, and what of the outcome to keep), and the handler stays plain work.
 */
export function auditWith(workspace: Workspace) {
  return <K extends Channel>(entry: {
    action: AuditAction;
    subject: (input: ParsedInput<K>) => string;
    detail?: (input: ParsedInput<K>) => Record<string, unknown>;
    describe?: (output: Output<K>, input: ParsedInput<K>) => Record<string, unknown>;
  }) =>
    (handler: Handler<K>): Handler<K> =>
    (input) =>
      audited(workspace, { action: entry.action, subject: entry.subject(input), detail: entry.detail?.(input) }, () => handler(input), (output) => entry.describe?.(output, input) ?? {});
}

/**
 * One handler map from the features' maps. A channel answered by two features is a mistake that would silently
 * shadow one of them, so it is refused (as Actual Budget's handler merge does); a channel answered by none fails to
 * compile (`Complete`) and, should a cast get round that, at startup.
 */
type Answered<M> = M extends Partial<EngineHandlers> ? keyof M & EngineChannel : never;
/** Compiles only when the maps answer every engine channel; the error names the ones left out. */
type Complete<M extends Partial<EngineHandlers>[]> = [Exclude<EngineChannel, Answered<M[number]>>] extends [never] ? M : { unanswered: Exclude<EngineChannel, Answered<M[number]>> };

export function mergeHandlers<M extends Partial<EngineHandlers>[]>(...maps: M & Complete<M>): EngineHandlers {
  const merged: Partial<Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [channel, handler] of Object.entries(map)) {
      if (channel in merged) throw new Error(`Two engine features answer the channel ${channel}.`);
      merged[channel] = handler;
    }
  }
  const engineChannels = channelNames.filter((channel) => !(hostChannelNames as readonly string[]).includes(channel));
  const missing = engineChannels.filter((channel) => !(channel in merged));
  if (missing.length > 0) throw new Error(`No engine feature answers ${missing.join(', ')}.`);
  return merged as EngineHandlers;
}
