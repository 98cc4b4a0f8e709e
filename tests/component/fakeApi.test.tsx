import { describe, expect, it } from 'vitest';
import type { Output } from '../../shared/api';
import { localChannelNames, rendererChannelNames } from '../../shared/channels';
import { fail, ok } from '../../shared/result';
import { createFakeApi, takeContractBreaches } from './fakeApi';

describe('the fake Api', () => {
  it('has every channel of the contract, answering one it has no answer for with a clear error', async () => {
    const { api } = createFakeApi({});
    for (const channel of rendererChannelNames) expect(typeof api[channel], channel).toBe('function');
    // Channels that write at a path the caller names are the engine's process's alone, as on the real Api.
    for (const channel of localChannelNames) expect(channel in api, channel).toBe(false);
    const answer = await api['exports.boardPack']({ title: 'T', sections: [{ resultId: 'r_1' }] });
    expect(answer).toEqual(fail('unsupported', "The fake Api has no answer for exports.boardPack: give the test one (createFakeApi(tables, { 'exports.boardPack': … }))."));
    expect(takeContractBreaches()).toEqual([]);
  });

  it('refuses a canned answer the contract would refuse, as the dispatcher does, and fails the test that gave it', async () => {
    // An id the contract's pattern refuses: the engine could never answer this.
    const wrong = { resultId: 'r_1', columns: [], rowCount: -1, elapsedMs: 3 } as Output<'sql.run'>;
    const { api, calls } = createFakeApi({}, { 'sql.run': () => ok(wrong) });
    const answer = await api['sql.run']({ sql: 'SELECT 1', operationId: 'op-12345678' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('internal');
    expect(calls).toEqual([{ channel: 'sql.run', input: { sql: 'SELECT 1', operationId: 'op-12345678' } }]);
    expect(takeContractBreaches()).toEqual(['sql.run: the canned answer is not a valid sql.run response — rowCount: Too small: expected number to be >=0']);
  });

  it('checks an answer assigned after the fake was made, and a request the contract refuses', async () => {
    const { api } = createFakeApi({});
    api['areas.list'] = async () => ok({ areas: [{ code: 'E07000194', name: 'Lichfield', type: 'county' as 'district' }] });
    expect((await api['areas.list']({})).ok).toBe(false);
    const refused = await api['analyses.run']({ id: 'Crime Rates', params: {}, operationId: 'op-12345678' });
    expect(!refused.ok && refused.error.code).toBe('invalid_input');
    const breaches = takeContractBreaches();
    expect(breaches).toHaveLength(2);
    expect(breaches[0]).toMatch(/^areas\.list: the canned answer is not a valid areas\.list response — areas\.0\.type: /);
    expect(breaches[1]).toMatch(/^analyses\.run: the UI sent a request the contract refuses — id: must be an analysis id such as crime-rates$/);
  });

  it('hands over the answer as its schema reads it, defaults filled, like the real transport', async () => {
    const { api } = createFakeApi({}, { 'analyses.run': () => ok({ resultId: 'r_1', columns: [], rowCount: 0, parameters: {}, area: 'Lichfield', comparator: '', elapsedMs: 1 } as unknown as Output<'analyses.run'>) });
    const answer = await api['analyses.run']({ id: 'crime-rates', params: {}, operationId: 'op-12345678' });
    expect(answer.ok && answer.value.warnings).toEqual([]);
    expect(takeContractBreaches()).toEqual([]);
  });
});
