import { afterEach } from 'vitest';
import type { z } from 'zod';
import { contract, type Api, type Channel, type ColumnInfo, type Input, type JsonValue, type OperationEvent, type Output } from '../../shared/api';
import { rendererChannelNames } from '../../shared/channels';
import { fail, ok, type Result } from '../../shared/result';

export interface FakeTable {
  columns: ColumnInfo[];
  rows: Record<string, JsonValue>[];
}

/** A canned answer for one channel: what the engine would return for this input. */
export type Answer<C extends Channel> = (input: Input<C>) => Result<Output<C>> | Promise<Result<Output<C>>>;
export type Answers = { [C in Channel]?: Answer<C> };

/**
 * Canned answers that break the contract, or requests the UI sent that the contract refuses, in the running test.
 * The real dispatcher would answer either with an error the UI shows; here they also fail the test, naming the channel
 * and what is wrong, so a fake answer can never pass for one the engine could not give.
 */
const broken: string[] = [];

/** The breaches recorded so far, taken out of the list: for tests of the fake itself. */
export const takeContractBreaches = () => broken.splice(0);

afterEach(() => {
  const found = broken.splice(0);
  if (found.length) throw new Error(`The fake Api was used against the contract (shared/api.ts):\n${found.join('\n')}`);
});

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(whole value)'}: ${issue.message}`)
    .join('; ');

/** The answers every test starts from: an open workspace with the given tables, one district, nothing else. */
function defaults(tables: Record<string, FakeTable>): Answers {
  const current = { path: '/fake.duckdb', name: 'Fake workspace', openedAt: '2026-11-21T09:00:00.000Z' };
  return {
    'workspace.info': () => ok({ name: 'Fake workspace', path: '/fake.duckdb', appVersion: '0.0.0', duckdbVersion: 'v0' }),
    'datasets.list': () => ok({ datasets: Object.entries(tables).map(([name, t]) => ({ name, rowCount: t.rows.length, columns: t.columns })) }),
    'grid.page': (input) => {
      if (input.source.kind !== 'dataset' || !tables[input.source.name]) return fail('not_found', 'No such dataset.');
      const rows = tables[input.source.name].rows;
      return ok({ rows: rows.slice(input.startRow, input.endRow), rowCount: rows.length });
    },
    'profiles.list': () => ok({ profiles: [] }),
    'profiles.save': () => ok({ saved: true as const }),
    'areas.list': () => ok({ areas: [{ code: 'E07000194', name: 'Lichfield', type: 'district' as const }] }),
    'analyses.list': () => ok({ analyses: [] }),
    'analyses.values': () => ok({ values: [] }),
    'imports.list': () => ok({ imports: [] }),
    'charts.save': (input) => ok({ saved: input.options !== null }),
    'session.get': () => ok({ current, recent: [current], ui: {}, canChooseFiles: false }),
    'session.remember': () => ok({ saved: true as const }),
    'workspace.open': (input) => fail('not_found', `There is no workspace at ${input.path}.`),
    'workspace.backups': () => ok({ backups: [] }),
    'files.choose': () => fail('unsupported', 'There is no file dialog in the browser.'),
    'operations.cancel': () => ok({ cancelled: true }),
  };
}

/** What a channel with no canned answer says: the UI shows it as it would any engine error. */
const notFaked = (channel: Channel) => fail('unsupported', `The fake Api has no answer for ${channel}: give the test one (createFakeApi(tables, { '${channel}': … })).`);

/**
 * An in-memory Api for component tests, generated from the contract's channel list: every channel the contract has is
 * here (a new one answers "no answer" until a test gives it one), each request is checked with the channel's input
 * schema and each canned answer with its output schema, as the engine's dispatcher checks them. It records calls so
 * tests can check what the UI asked for, and lets tests push operation events. A test's answers — given here, or
 * assigned later to `api[channel]` — replace the defaults and are checked and recorded the same way.
 */
export function createFakeApi(tables: Record<string, FakeTable>, answers: Answers = {}) {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Set<(e: OperationEvent) => void>();
  const api = {
    onEvent(listener: (e: OperationEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Api;
  const start = { ...defaults(tables), ...answers } as Partial<Record<Channel, (input: unknown) => unknown>>;
  // The renderer's channels: the local ones (files written at a path the caller names) are not on its Api.
  for (const channel of rendererChannelNames) {
    let answer: (input: unknown) => unknown = start[channel] ?? (() => notFaked(channel));
    const checked = async (input: unknown): Promise<Result<unknown>> => {
      calls.push({ channel, input });
      const spec = contract[channel];
      const request = spec.input.safeParse(input);
      if (!request.success) {
        broken.push(`${channel}: the UI sent a request the contract refuses — ${issues(request.error)}`);
        return fail('invalid_input', `Invalid ${channel} request — ${issues(request.error)}.`);
      }
      const outcome = (await answer(input)) as Result<unknown>;
      if (!outcome.ok) return outcome;
      const value = spec.output.safeParse(outcome.value);
      if (!value.success) {
        broken.push(`${channel}: the canned answer is not a valid ${channel} response — ${issues(value.error)}`);
        return fail('internal', `The engine returned a malformed ${channel} response: ${issues(value.error)}`);
      }
      // What the real transport hands over: the answer as its schema reads it.
      return ok(value.data);
    };
    Object.defineProperty(api, channel, {
      enumerable: true,
      get: () => checked,
      set: (replacement: (input: unknown) => unknown) => {
        answer = replacement;
      },
    });
  }
  return { api, calls, emit: (e: OperationEvent) => listeners.forEach((l) => l(e)) };
}
