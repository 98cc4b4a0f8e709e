import type { z } from 'zod';
import { contract } from '../../shared/api';
import { isChannelName } from '../../shared/channels';
import { fail, ok, type Result } from '../../shared/result';
import { toApiError } from './errors';
import type { Handlers } from './handlers';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * ── TRUST BOUNDARY ── The one wrapper every transport goes through. It refuses unknown channels, parses the payload
 * with the channel's schema before any engine code sees it, and returns every outcome as data. Output is checked too,
 * so an engine bug surfaces as a clear 'internal' error rather than a malformed response.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) return fail('unknown_channel', `Unknown channel "${String(channel).slice(0, 80)}".`);
    const spec = contract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', describeIssues(channel, parsed.error));
    try {
      const handler = handlers[channel] as (value: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) return fail('internal', `The engine returned a malformed ${channel} response: ${describeIssues(channel, checked.error)}`);
      return ok(checked.data);
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  };
}

function describeIssues(channel: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `Invalid ${channel} request — ${issues.join('; ')}${more}.`;
}
