import fs from 'node:fs';
import { EngineError } from './errors';
import { memoryLimitSetting } from './memoryLimit';

/*
 * Limits that stop one runaway query from taking the machine: a time limit for user SQL and analyses (cancellable
 * before it, as any operation), and a cap on DuckDB's spill folder so a big sort cannot fill the disk.
 */

/** Five minutes: far beyond any analysis on a force-wide workspace (seconds), short enough to notice a runaway. */
export const DEFAULT_QUERY_TIME_LIMIT_MS = 5 * 60 * 1000;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** "300", "90s", "5m", "1h" (bare numbers are seconds) → milliseconds. */
export function durationSetting(value: string | undefined, source: string): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const match = DURATION.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2] ?? 's').toLowerCase()] : Number.NaN;
  if (!(ms >= 100)) throw new EngineError('invalid_input', `${source} must be a duration such as 300s, 5m or 1h, not "${text}".`);
  return ms;
}

/** The time limit: the host's option, else CSW_QUERY_TIME_LIMIT, else five minutes. */
export const queryTimeLimitMs = (option: number | undefined): number =>
  option ?? durationSetting(process.env.CSW_QUERY_TIME_LIMIT, 'CSW_QUERY_TIME_LIMIT') ?? DEFAULT_QUERY_TIME_LIMIT_MS;

/** "5 minutes", "90 seconds", "1.5 seconds": for messages. */
export function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return `${Math.round(ms / 100) / 10} seconds`;
}

/**
 * The most DuckDB may spill beside the workspace: the host's option, else CSW_TEMP_LIMIT, else half the disk space free
 * when the workspace opens (DuckDB's own default is 90%, which leaves the analyst's disk all but full).
 */
export function tempSpaceLimit(option: string | undefined, workspaceDir: string): string {
  const chosen = memoryLimitSetting(option, '--temp-limit') ?? memoryLimitSetting(process.env.CSW_TEMP_LIMIT, 'CSW_TEMP_LIMIT');
  if (chosen) return chosen;
  const disk = fs.statfsSync(workspaceDir);
  return `${Math.max(1024, Math.floor((disk.bavail * disk.bsize) / 2 / 2 ** 20))}MiB`;
}

/** The message for a query stopped by its time limit. */
export const timedOut = (ms: number) =>
  new EngineError(
    'limit_reached',
    `Stopped after ${describeDuration(ms)}, the time limit for a query. Narrow it down (a WHERE filter, fewer joins, a LIMIT), or raise the limit with CSW_QUERY_TIME_LIMIT (e.g. 15m).`,
  );
