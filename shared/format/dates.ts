/**
 * Dates for people, in UK English: "01/04/2018" where space is short (inputs, grid cells), "1 April 2018" in prose
 * (summaries, key points, captions), and moments in the user's own time zone. Never month-first. Calendar dates from
 * DuckDB arrive as ISO text (`2018-04-01`) and are formatted as written, with no time zone arithmetic: a calendar
 * date is the same day everywhere.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})/;
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

function calendar(iso: string): CalendarDate | null {
  const match = isoDate.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2018-04-01` → `01/04/2018`; text that is not an ISO date is returned as it is. */
export function shortDate(iso: string): string {
  const d = calendar(iso);
  return d ? `${pad(d.day)}/${pad(d.month)}/${d.year}` : iso;
}

/**
 * A recorded local time as DuckDB gives a TIMESTAMP (`2017-03-27 01:05:00`, no zone: the time as the force recorded
 * it) → `27/03/2017 01:05`; a plain date as `shortDate`.
 */
export function shortDateTime(text: string): string {
  const time = /^\d{4}-\d{2}-\d{2}[ T](\d{2}):(\d{2})/.exec(text);
  const day = shortDate(text);
  return time && day !== text ? `${day} ${time[1]}:${time[2]}` : day;
}

/** `2018-04-01` → `1 April 2018`. */
export function longDate(iso: string): string {
  const d = calendar(iso);
  return d ? `${d.day} ${months[d.month - 1]} ${d.year}` : iso;
}

/** `2018-04` or `2018-04-01` → `April 2018`. */
export function monthYear(iso: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(iso);
  const month = match ? Number(match[2]) : 0;
  return match && month >= 1 && month <= 12 ? `${months[month - 1]} ${match[1]}` : iso;
}

/** `2019-03` (or `2019-03-01`) → `Mar 2019`, where space is short: table cells, chart axes and hover labels. */
export function shortMonthYear(iso: string): string {
  const long = monthYear(iso);
  return long === iso ? iso : `${long.slice(0, 3)}${long.slice(long.indexOf(' '))}`;
}

/** A period as people say it: "1 April 2018 to 31 March 2019". */
export function periodText(from: string, to: string): string {
  return `${longDate(from)} to ${longDate(to)}`;
}

/**
 * A moment (an export or audit time, stored in UTC) in the user's time zone: "1 December 2026, 08:14".
 * `timeZone` is for tests; the app leaves it to the machine's own zone.
 */
export function dateTime(moment: string | Date, timeZone?: string): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return String(moment);
  const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

/**
 * What a person types as a date, read the UK way: `1/4/2018`, `01/04/2018`, `1-4-2018`, `1.4.18` (two-digit years are
 * 20xx), or ISO `2018-04-01`. Returns the ISO date, or null when the text is not a real date. Month-first is never
 * guessed: `04/13/2018` is refused, not read as 13 April.
 */
export function parseUkDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const uk = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(trimmed);
  let year: number, month: number, day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (uk) [day, month, year] = [Number(uk[1]), Number(uk[2]), uk[3].length === 2 ? 2000 + Number(uk[3]) : Number(uk[3])];
  else return null;
  return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
}
