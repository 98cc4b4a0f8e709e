import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { defaultPriorities } from '../../shared/priorities/morile';
import { sql } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

const graded = { individual_harm: 4, community_harm: 3, likelihood: 4, public_expectation: 3, organisational_position: 2, confidence: 3 };
const document = (priorities: unknown[]) => ({ format: 'csw-priorities', version: 1, area: 'Lichfield', priorities });

/**
 * The priorities channels at the dispatcher (the command line's `priorities` calls them; its export and import are
 * held by changeAnalyses.test.ts on the sample workspace): schema refusals, versions, and the audit entries.
 */
describe('priorities.get, priorities.save and priorities.export', () => {
  const { dir, cleanup } = tempDir('csw-priority-channels-');
  const ws = path.join(dir, 'w.duckdb');
  let engine: Engine;
  const log = async (action: string) =>
    (await sql(engine, `SELECT subject, detail, outcome FROM csw_meta.audit WHERE action = '${action}' ORDER BY logged_at, rowid`)).map(([subject, detail, outcome]) => ({ subject, detail: JSON.parse(String(detail)), outcome }));

  beforeAll(async () => {
    engine = await createEngine(ws, { backups: false });
  });
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  it('gives an area with nothing saved the default priorities, ungraded, at version 0', async () => {
    const got = await engine.invoke('priorities.get', { area: 'Lichfield' });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value).toMatchObject({ area: 'Lichfield', version: 0, saved_at: null, saved_by: null });
    expect(got.value.priorities.map((p) => p.name)).toEqual(defaultPriorities);
    expect(got.value.priorities.every((p) => p.score === null)).toBe(true);
  });

  it('saves each file as a new version, scored when read back, with who saved it in the audit log', async () => {
    const first = await engine.invoke('priorities.save', { document: document([{ name: 'Domestic abuse', grades: graded }]) });
    const second = await engine.invoke('priorities.save', { document: document([{ name: 'Domestic abuse', grades: graded }, { name: 'Rural crime', grades: { ...graded, likelihood: 1 } }]) });
    expect(first).toMatchObject({ ok: true, value: { area: 'Lichfield', version: 1, priorities: 1 } });
    expect(second).toMatchObject({ ok: true, value: { area: 'Lichfield', version: 2, priorities: 2, saved_by: expect.any(String) } });
    const got = await engine.invoke('priorities.get', { area: 'LICHFIELD' });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value).toMatchObject({ version: 2, saved_at: expect.stringMatching(/^20\d\d-/) });
    // Worked in priorities.test.ts: harm 7 × likelihood 4 × 1.625 = 45.5; with likelihood 1, 11.375.
    expect(got.value.priorities.map((p) => [p.name, p.score])).toContainEqual(['Domestic abuse', 45.5]);
    expect(got.value.priorities.at(-1)).toMatchObject({ name: 'Rural crime', score: 11.375 });
    const by = second.ok ? second.value.saved_by : '';
    expect(await log('save-priorities')).toEqual([
      { subject: 'Lichfield', detail: { version: 1, by, priorities: 1 }, outcome: 'done' },
      { subject: 'Lichfield', detail: { version: 2, by, priorities: 2 }, outcome: 'done' },
    ]);
  });

  it('refuses a bad file by its schema, naming the priority and grade at fault, and saves nothing', async () => {
    const bad = await engine.invoke('priorities.save', { document: document([{ name: 'Fraud', grades: { likelihood: 9 } }]) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/priority "Fraud", grades, likelihood: Likelihood must be from 1 to 4/) } });
    const twice = await engine.invoke('priorities.save', { document: document([{ name: 'Fraud', grades: {} }, { name: 'FRAUD', grades: {} }]) });
    expect(twice).toMatchObject({ ok: false, error: { message: expect.stringMatching(/each priority may appear only once/) } });
    expect(await engine.invoke('priorities.get', { area: 'Lichfield' })).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await log('save-priorities')).toHaveLength(2);
  });

  it("refuses the workspace's own file as the export's target before anything runs, and logs the refusal", async () => {
    const before = fs.readFileSync(ws);
    const exported = await engine.invoke('priorities.export', { area: 'Lichfield', target: ws });
    expect(exported).toMatchObject({ ok: false, error: { code: 'not_allowed', message: expect.stringMatching(/own files/) } });
    expect(fs.readFileSync(ws).equals(before)).toBe(true);
    expect(await log('export')).toEqual([{ subject: 'priorities', detail: { file: ws, format: 'json' }, outcome: 'failed' }]);
    // Nothing ran: the export stopped before priority-profiles.
    expect(await log('analysis')).toEqual([]);
  });
});
