import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

/** The built command line says when the data does not cover a period, and refuses values the data does not have. */
describe('csp-workbench run: warnings and values of the data', () => {
  const { dir, cleanup } = tempDir('csw-cli-warn-');
  const ws = path.join(dir, 'ws.duckdb');
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'csp-workbench.js'), ...args], { encoding: 'utf8' });
  beforeAll(() => {
    assertBuilt();
    expect(cli('init', ws).status).toBe(0);
    for (const [file, as] of [[lsoaLookup, 'geography'], [iodPopulation, 'population'], [policeUkMonths[0], 'police-uk']]) expect(cli('import', ws, file, '--as', as).status).toBe(0);
  }, 120_000);
  afterAll(cleanup);

  it('prints the figures on stdout and the coverage warning on stderr', () => {
    const run = cli('run', ws, 'crime-rates', '--param', 'area=Lichfield');
    expect(run.status).toBe(0);
    // The CSV opens with the byte-order mark that tells Excel it is UTF-8.
    expect(run.stdout).toMatch(/^\ufeff?offence_group,offence_subgroup,area_count/);
    // One month of police.uk data (October 2018) against the default 12 months to 31 October 2018.
    expect(run.stderr).toMatch(/^csp-workbench: warning: Recorded crimes cover 31 of the 365 days of the period \(1 November 2017 to 31 October 2018\)/);
  });

  it('refuses a measure the data does not have, naming the close match', () => {
    const misspelt = cli('run', ws, 'hotspot-wards', '--param', 'area=Lichfield', '--param', 'measure_kind=offence_group', '--param', 'measure=Burglery');
    expect(misspelt.status).toBe(1);
    expect(misspelt.stderr).toMatch(/measure "Burglery" matches nothing.*Did you mean "Burglary"\?/);
    expect(misspelt.stdout).toBe('');
    // Nothing close: the values the data has.
    const other = cli('run', ws, 'hotspot-wards', '--param', 'area=Lichfield', '--param', 'measure_kind=offence_group', '--param', 'measure=Violence against the person');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/It has "Arson and Criminal Damage", "Burglary", .*"Violence and Sexual Offences"\./);
  });
});
