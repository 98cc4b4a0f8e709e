import { EngineError } from './errors';

const SIZE = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
const BYTES: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };
/** Below this DuckDB cannot hold even a lookup and a page of results; it is a typo, not a setting. */
const SMALLEST = 128e6;

/**
 * DuckDB's memory limit from a setting ("4GB", "512MB", "2GiB"), as DuckDB spells it; undefined when not set (DuckDB
 * then takes 80% of the machine's memory). Beyond the limit DuckDB spills to its temporary folder beside the workspace
 * rather than failing. `source` names where the value came from, for the error.
 */
export function memoryLimitSetting(value: string | undefined, source: string): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const match = SIZE.exec(text);
  if (!match) throw new EngineError('invalid_input', `${source} must be a size such as 4GB or 512MB, not "${text}".`);
  if (Number(match[1]) * BYTES[match[2].toLowerCase()] < SMALLEST) throw new EngineError('invalid_input', `${source} of ${text} is too small for DuckDB to work in: give at least 128MB.`);
  return `${match[1]}${match[2]}`;
}

/** The limit for a workspace: the host's option (a command-line flag), else the CSW_MEMORY_LIMIT environment variable. */
export const workspaceMemoryLimit = (option: string | undefined): string | undefined =>
  memoryLimitSetting(option, '--memory-limit') ?? memoryLimitSetting(process.env.CSW_MEMORY_LIMIT, 'CSW_MEMORY_LIMIT');
