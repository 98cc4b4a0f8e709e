import { describe, expect, it } from 'vitest';
import { dateTime, longDate, monthYear, parseUkDate, periodText, shortDate, shortDateTime } from '../../shared/format/dates';
import { presentValue } from '../../shared/format/present';

describe('dates for people, the UK way', () => {
  it('writes calendar dates day first, short and long, with no time zone shift', () => {
    expect(shortDate('2018-04-01')).toBe('01/04/2018');
    expect(longDate('2018-04-01')).toBe('1 April 2018');
    expect(longDate('2019-03-31')).toBe('31 March 2019');
    expect(monthYear('2018-03')).toBe('March 2018');
    expect(periodText('2018-04-01', '2019-03-31')).toBe('1 April 2018 to 31 March 2019');
    expect(shortDate('not a date')).toBe('not a date');
    expect(longDate('2019-02-29')).toBe('2019-02-29'); // not a real day: shown as it came, never rolled into March
  });

  it('writes a moment in the given time zone, on the 24-hour clock', () => {
    expect(dateTime('2026-12-01T08:14:00Z', 'Europe/London')).toBe('1 December 2026, 08:14');
    expect(dateTime('2026-07-01T08:14:00Z', 'Europe/London')).toBe('1 July 2026, 09:14'); // British Summer Time
  });

  it('reads what a person types day first, and never guesses month first', () => {
    expect(parseUkDate('01/04/2018')).toBe('2018-04-01');
    expect(parseUkDate('1/4/2018')).toBe('2018-04-01');
    expect(parseUkDate(' 1.4.18 ')).toBe('2018-04-01');
    expect(parseUkDate('31-12-2019')).toBe('2019-12-31');
    expect(parseUkDate('2018-04-01')).toBe('2018-04-01');
    expect(parseUkDate('04/13/2018')).toBeNull();
    expect(parseUkDate('29/02/2019')).toBeNull();
    expect(parseUkDate('29/02/2020')).toBe('2020-02-29');
    expect(parseUkDate('')).toBeNull();
    expect(parseUkDate('April')).toBeNull();
  });

  it('shows date cells day first', () => {
    expect(presentValue('2018-04-01', 'date')).toBe('01/04/2018');
    expect(presentValue('2017-03-27 01:05:09', 'date')).toBe('27/03/2017 01:05');
    expect(shortDateTime('2017-03-27T23:59:00')).toBe('27/03/2017 23:59');
    expect(shortDateTime('2017-03-27')).toBe('27/03/2017');
  });
});

describe('audit details for people', () => {
  it('reads an import record in words, with the hash shortened', async () => {
    const { auditDetailText } = await import('../../shared/format/auditDetail');
    expect(
      auditDetailText('{"as":"geography","profile":null,"import_id":1,"sha256":"b244588669fe180ccebafe53f2f90bb259d998741a7d5880294bc6f10bd98239","rows_read":687,"rows_imported":687,"rows_quarantined":0}'),
    ).toBe('as geography · import 1 · SHA-256 b2445886… · rows read 687 · rows imported 687 · rows quarantined 0');
  });

  it('shows the parameters an analysis used, not the request twice, with dates in words', async () => {
    const { auditDetailText } = await import('../../shared/format/auditDetail');
    expect(
      auditDetailText('{"requested":{"area":"E07000194"},"parameters":{"from":"2018-04-01","to":"2019-03-31","per":1000,"area":"Lichfield"},"rows":29}'),
    ).toBe('parameters (from 1 April 2018, to 31 March 2019, per 1,000, area Lichfield) · rows 29');
    expect(auditDetailText('not json')).toBe('not json');
  });
});
