import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFixture } from '../support/importFixture';
import { fingerprint, importOk, importResult, sql } from '../support/importHelpers';
import { publicData } from '../support/sharedData';

describe('SPI, survey, Mosaic and boundary imports', () => {
  const fixture = importFixture('csw-research-');
  const file = fixture.file;

  it('turns a wide SPI table long, with dimensions from the SPI framework and the year from the file name', async () => {
    const wide = file(
      'lichfield-spi-2023.csv',
      [
        'Ward Code,Ward,Social Progress Index,Basic Human Needs,Nutrition & Basic Medical Care,Water & Sanitation,Shelter,Personal Safety,Inclusiveness',
        'E05010658,Chasetown,41.2,39.0,55.1,80.2,28.6,30.6,22.4',
        'E05010653,Boley Park,74.9,78.3,81.0,90.5,72.2,73.4,',
        'E05010660,Curborough,38.0,40.1,50.3,79.9,31.0,35.5,104',
      ].join('\n'),
    );
    const report = await importOk(fixture.engine, wide, 'spi');
    expect(report).toMatchObject({ profile: 'spi-wide', rows_read: 3, rows_imported: 2, rows_quarantined: 1, warnings: ['The year 2023 was taken from the file name.'] });
    expect(report.issues).toEqual([{ line: 4, column: 'Inclusiveness', reason: 'score "104" is outside 0–100' }]);
    expect(await sql(fixture.engine, `SELECT dimension, component, score FROM spi WHERE area_name = 'Chasetown' AND component IN ('Shelter', 'Personal Safety', 'Inclusiveness') ORDER BY component`)).toEqual([
      ['Opportunity', 'Inclusiveness', 22.4],
      ['Basic Human Needs', 'Personal Safety', 30.6],
      ['Basic Human Needs', 'Shelter', 28.6],
    ]);
    expect(await sql(fixture.engine, `SELECT count(*) FROM spi WHERE area_name = 'Boley Park'`)).toEqual([[6n]]); // seven scored columns; the empty cell is no score
    expect(await sql(fixture.engine, `SELECT DISTINCT year FROM spi`)).toEqual([[2023n]]);
    expect(await sql(fixture.engine, `SELECT dimension, component FROM spi WHERE area_name = 'Chasetown' AND component IS NULL ORDER BY 1`)).toEqual([
      ['Basic Human Needs', null],
      ['Social Progress Index', null],
    ]);
  });

  it('imports a long SPI table through a mapping', async () => {
    const long = file('spi-long.csv', 'area,yr,dim,comp,value\nStowe,2023,Opportunity,Personal Rights,61.5\n');
    const report = await importOk(fixture.engine, long, 'spi', {
      dataset: 'spi',
      columns: { area_name: 'area', year: 'yr', dimension: 'dim', component: 'comp', score: 'value' },
    });
    expect(report.rows_imported).toBe(1);
  });

  it('stores a wide survey long, one row per answered question, with default recodes', async () => {
    const survey = file(
      'survey.csv',
      [
        'Respondent ID,Which ward do you live in?,Age,Gender,How safe do you feel during the day?,How safe do you feel after dark?,Are there enough activities for teenagers?',
        '1,Chasetown,35-44,Female,Very safe,Fairly unsafe,No',
        '2,Boley Park,65+,Male,Fairly safe,Fairly safe,',
        "3,Curborough,18-24,Female,Don't know,Very unsafe,Yes",
      ].join('\n'),
    );
    const report = await importOk(fixture.engine, survey, 'survey');
    expect(report).toMatchObject({ profile: 'survey-wide', rows_read: 3, rows_imported: 3, by_dataset: { survey: 8 } });
    expect(await sql(fixture.engine, `SELECT respondent_id, ward, age_band, sex, answer FROM survey WHERE question LIKE '%after dark%' ORDER BY 1`)).toEqual([
      ['1', 'Chasetown', '35-44', 'Female', 'Fairly unsafe'],
      ['2', 'Boley Park', '65+', 'Male', 'Fairly safe'],
      ['3', 'Curborough', '18-24', 'Female', 'Very unsafe'],
    ]);
    expect(await sql(fixture.engine, `SELECT answer, positive, excluded FROM survey_recodes WHERE question LIKE '%during the day%' ORDER BY 1`)).toEqual([
      ["Don't know", false, true],
      ['Fairly safe', true, false],
      ['Very safe', true, false],
    ]);
    expect(await sql(fixture.engine, `SELECT answer, positive FROM survey_recodes WHERE question LIKE '%teenagers%' ORDER BY 1`)).toEqual([
      ['No', false],
      ['Yes', true],
    ]);
  });

  it('takes per-question recodes from a profile, without overriding recodes already set', async () => {
    const more = file('survey-wave2.csv', 'Respondent ID,Ward,How informed do you feel?\n10,Stowe,Somewhat\n11,Stowe,Not at all\n');
    await importOk(fixture.engine, more, 'survey', {
      name: 'survey wave 2',
      dataset: 'survey',
      columns: { respondent_id: 'Respondent ID', ward: 'Ward' },
      recodes: { 'How informed do you feel?': { positive: ['Somewhat'], excluded: [] } },
    });
    expect(await sql(fixture.engine, `SELECT answer, positive, source FROM survey_recodes WHERE question = 'How informed do you feel?' ORDER BY 1`)).toEqual([
      ['Not at all', false, 'profile'],
      ['Somewhat', true, 'profile'],
    ]);
  });

  it('imports ward boundaries from the real Lichfield GeoJSON: 22 wards', async () => {
    const report = await importOk(fixture.engine, path.join(publicData, 'geography', 'wards-lichfield-E07000194.geojson'), 'boundaries');
    expect(report).toMatchObject({ rows_read: 22, rows_imported: 22, encoding: 'geojson' });
    const rows = await sql(fixture.engine, `SELECT count(*), min(area_code), max(area_code), any_value(area_type), bool_and(json_valid(geometry)) FROM boundaries`);
    expect(rows).toEqual([[22n, 'E05010651', 'E05010672', 'ward', true]]);
    expect(await sql(fixture.engine, `SELECT area_name FROM boundaries WHERE area_code = 'E05010654'`)).toEqual([['Boney Hay & Central']]);
  });

  it('refuses JSON that is not a boundary collection, leaving the workspace unchanged', async () => {
    const before = await fingerprint(fixture.engine);
    const result = await importResult(fixture.engine, file('not-boundaries.geojson', '{"type":"Feature"}'), 'boundaries');
    expect(result).toMatchObject({ ok: false, error: { message: 'This JSON file is not a GeoJSON FeatureCollection of boundaries.' } });
    expect(await fingerprint(fixture.engine)).toBe(before);
  });

  it('imports Mosaic group populations through a mapping', async () => {
    const mosaic = file('mosaic.csv', 'Ward Code,Group,Persons\nE05010658,"F: Suburban Stability","1,234"\nE05010658,"J: Transient Renters",bad\n');
    const report = await importOk(fixture.engine, mosaic, 'mosaic', { dataset: 'mosaic', columns: { area_code: 'Ward Code', mosaic_group: 'Group', count: 'Persons' } });
    expect(report).toMatchObject({ rows_imported: 1, rows_quarantined: 1, issues: [{ line: 3, column: 'Persons', reason: 'count "bad" is not a number' }] });
    expect(await sql(fixture.engine, 'SELECT mosaic_group, count FROM mosaic')).toEqual([['F: Suburban Stability', 1234]]);
  });
});
