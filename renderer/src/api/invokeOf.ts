import type { Api } from '../../../shared/api';
import type { Invoke } from '../../../shared/exports/packSection';

/** The Api as one `invoke(channel, input)`, the form shared steps take so the engine's invoke serves them too. */
export function invokeOf(api: Api): Invoke {
  return ((channel, input) => (api[channel] as (i: typeof input) => ReturnType<Invoke>)(input)) as Invoke;
}
