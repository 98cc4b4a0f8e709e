import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk, sql } from '../support/importHelpers';
import { districtLookup, lsoaLookup, policeUkMonths, publicData } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

/** The area the app opens on before the analyst chooses: the workspace's own, read from what it holds. */
describe('the suggested area', () => {
  let engine: Engine;
  let cleanup: () => void;
  const suggested = async () => {
    const result = await engine.invoke('areas.list', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value.suggested;
  };
  beforeAll(async () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    engine = await createEngine(path.join(dir.dir, 'ws.duckdb'));
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('is none before there is a geography lookup', async () => {
    expect(await suggested()).toBeNull();
  });

  it('is the district with most recorded crime in a force-wide extract', async () => {
    await importOk(engine, lsoaLookup, 'geography');
    await importOk(engine, districtLookup, 'geography');
    await importOk(engine, policeUkMonths[0], 'police-uk');
    const counts = (await sql(engine, `SELECT district_code FROM crimes WHERE district_code IS NOT NULL`)).reduce<Map<string, number>>(
      (m, [code]) => m.set(String(code), (m.get(String(code)) ?? 0) + 1),
      new Map(),
    );
    const most = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    expect(await suggested()).toBe(most);
    expect(most).not.toBe('E07000194');
  });

  it('is the district the local datasets cover, once the partnership has imported its own ward boundaries', async () => {
    await importOk(engine, path.join(publicData, 'geography', 'wards-lichfield-E07000194.geojson'), 'boundaries');
    expect(await suggested()).toBe('E07000194');
  });
});
