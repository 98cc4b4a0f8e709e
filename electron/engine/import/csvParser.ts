import { EngineError } from '../errors';

export interface ParsedRecord {
  /** Line in the source file where the record starts (1 = the header). */
  line: number;
  fields: string[];
  /**
   * Set when a quoted value starting on this line swallowed following lines that look like records of their own (an
   * unbalanced quote): how many lines it ran over. Those lines are then read again as records; this one is quarantined.
   */
  swallowed?: number;
}

export const MAX_COLUMNS = 2000;
export const MAX_FIELD_CHARS = 1_000_000;
/** No real field runs over this many lines; a quoted value that does has swallowed records. */
export const MAX_RECORD_LINES = 100;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * A streaming CSV parser over decoded text, fed chunk by chunk: quoted fields may hold delimiters, quotes ("") and
 * newlines; CRLF, LF and CR end records. Each record carries the line it starts on.
 *
 * An unbalanced quote would otherwise swallow every line up to the next quote into one field, silently. So a record
 * that runs over several lines is checked (swallowedRecords): if the lines inside it look like whole records, the
 * record is reported as `swallowed` and the lines after its first are parsed again as records of their own. The
 * record's raw text is kept only while it runs over lines, so ordinary records cost nothing extra.
 */
export class CsvParser {
  /** The header's field count (the first record's), which the swallow check needs. */
  private width = 0;
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private afterQuote = false;
  /** A closing quote was followed by text other than a delimiter or line end. */
  private malformed = false;
  private line = 1;
  private recordLine = 1;
  private pendingCR = false;
  /** The last chunk ended with a CR inside a quoted value (already counted as a line end). */
  private quotedCrAtEnd = false;
  /** The current record's raw text from earlier chunks. */
  private carry = '';

  constructor(
    private readonly delimiter: number,
    private readonly emit: (record: ParsedRecord) => void,
  ) {}

  /** The physical line the parser has reached (for messages about where in the file something is). */
  physicalLine(): number {
    return this.line;
  }

  feed(text: string): void {
    const delimiter = this.delimiter;
    let { field, quoted, afterQuote, line, pendingCR } = this;
    let start = 0; // start of the unquoted run not yet copied into `field`
    let recStart = 0; // where the current record's raw text begins in `text` (earlier text is in `carry`)
    const crAtEnd = this.quotedCrAtEnd;
    this.quotedCrAtEnd = false;
    const save = () => Object.assign(this, { field, quoted, afterQuote, line, pendingCR });
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (pendingCR) {
        pendingCR = false;
        if (c === LF) {
          start = recStart = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (afterQuote) {
          afterQuote = false;
          if (c === QUOTE) {
            field += '"';
            start = i + 1;
            continue;
          }
          quoted = false; // that was the closing quote; handle c as unquoted text from here
          if (c !== delimiter && c !== LF && c !== CR) this.malformed = true;
          start = i;
        } else if (c === QUOTE) {
          field += text.slice(start, i);
          afterQuote = true;
          continue;
        } else {
          // A line end inside the value: CRLF counts once, also when a chunk ends between CR and LF.
          if (c === LF) {
            if (!(i === 0 && crAtEnd)) line++;
          } else if (c === CR && text.charCodeAt(i + 1) !== LF) {
            line++;
            if (i === text.length - 1) this.quotedCrAtEnd = true;
          }
          continue;
        }
      }
      if (c === QUOTE && field === '' && i === start) {
        quoted = true;
        start = i + 1;
      } else if (c === delimiter) {
        field += text.slice(start, i);
        this.endField(field);
        field = '';
        start = i + 1;
      } else if (c === LF || c === CR) {
        field += text.slice(start, i);
        if (line > this.recordLine && this.width > 0) {
          // A record over several lines: did its quoted value swallow records? If so, read them again.
          const raw = this.carry + text.slice(recStart, i);
          if (swallowedRecords(raw, this.width, this.delimiter, { complete: true, malformed: this.malformed, fields: this.fields.length + 1 })) {
            save();
            this.recover(raw);
            ({ field, quoted, afterQuote, line, pendingCR } = this);
            start = recStart = i;
            i--; // this line end now ends the last record of the re-read text
            continue;
          }
        }
        this.endField(field);
        field = '';
        this.emitRecord();
        line++;
        this.recordLine = line;
        pendingCR = c === CR;
        start = recStart = i + 1;
      }
    }
    if (quoted) {
      if (!afterQuote) field += text.slice(start);
    } else field += text.slice(start);
    this.carry += text.slice(recStart);
    save();
    if (field.length > MAX_FIELD_CHARS) {
      if (quoted && swallowedRecords(this.carry, this.width, this.delimiter, { complete: false })) {
        this.recover(this.carry);
        return;
      }
      throw new EngineError(
        'invalid_input',
        quoted
          ? `A quoted value starting on line ${this.recordLine} never ends: the file may be truncated or a quote is unbalanced.`
          : `Line ${this.recordLine} has a value over a million characters long; this does not look like a table.`,
      );
    }
  }

  /** The end of the text: the last record, if the file does not end with a line end. */
  end(): void {
    if (this.quoted && !this.afterQuote) {
      if (this.width > 0 && swallowedRecords(this.carry, this.width, this.delimiter, { complete: false })) {
        this.recover(this.carry);
        this.end();
        return;
      }
      throw new EngineError('invalid_input', `A quoted value starting on line ${this.recordLine} never ends: the file may be truncated or a quote is unbalanced.`);
    }
    if (this.field !== '' || this.fields.length > 0) {
      this.endField(this.field);
      this.field = '';
      this.emitRecord();
    }
  }

  /**
   * Reports the record starting at `recordLine` as swallowed (its first line, split as it stands), then parses the
   * rest of its raw text again from the next line, with fresh state: the quote that opened it no longer applies.
   */
  private recover(raw: string): void {
    const lines = raw.split(/\r\n|\r|\n/);
    const span = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
    const firstEnd = raw.search(/\r\n|\r|\n/);
    const firstLine = firstEnd < 0 ? raw : raw.slice(0, firstEnd);
    const rest = firstEnd < 0 ? '' : raw.slice(firstEnd + (raw.startsWith('\r\n', firstEnd) ? 2 : 1));
    this.emit({ line: this.recordLine, fields: firstLine.split(String.fromCharCode(this.delimiter)).slice(0, MAX_COLUMNS * 2), swallowed: span });
    Object.assign(this, { fields: [], field: '', quoted: false, afterQuote: false, malformed: false, pendingCR: false, carry: '' });
    this.line = this.recordLine + 1;
    this.recordLine = this.line;
    this.feed(rest);
  }

  private endField(field: string): void {
    if (this.fields.length >= MAX_COLUMNS * 2) {
      throw new EngineError('invalid_input', `Line ${this.recordLine} has more than ${(MAX_COLUMNS * 2).toLocaleString('en-GB')} fields; this does not look like a table.`);
    }
    this.fields.push(field);
  }

  private emitRecord(): void {
    const fields = this.fields;
    this.fields = [];
    this.carry = '';
    this.malformed = false;
    // Blank lines (often at the end of files saved from Excel) are not records.
    if (fields.length === 1 && fields[0].trim() === '') return;
    if (this.width === 0) this.width = fields.length;
    this.emit({ line: this.recordLine, fields });
  }
}

/**
 * Whether a record's raw text, running over several lines, holds what look like whole records of the file: too many
 * lines for any real field; a line inside it that is, on its own, a complete record of exactly the header's width (for
 * files wide enough that note text rarely looks like that); or a last line that is one, when the quote closed
 * mid-value or the record came out the wrong width — the marks of a quote closed by some later record's quote.
 */
export function swallowedRecords(
  raw: string,
  width: number,
  delimiter: number,
  record: { complete: true; malformed: boolean; fields: number } | { complete: false },
): boolean {
  if (width < 2) return false;
  const lines = raw.split(/\r\n|\r|\n/);
  if (lines.length > MAX_RECORD_LINES) return true;
  const isRecord = (text: string) => fieldsOnItsOwn(text, delimiter) === width;
  const inner = record.complete ? lines.slice(1, -1) : lines.slice(1);
  if (inner.some(isRecord) && (width >= 4 || !record.complete)) return true;
  return record.complete && (record.malformed || record.fields !== width) && lines.length > 1 && isRecord(lines[lines.length - 1]);
}

/** How many fields a line has parsed as a record by itself; -1 if a quoted value in it does not close. */
function fieldsOnItsOwn(text: string, delimiter: number): number {
  if (text.trim() === '') return -1;
  let fields = 1;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      }
    } else if (c === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === delimiter) {
      fields++;
      fieldStart = true;
    } else fieldStart = false;
  }
  return quoted ? -1 : fields;
}
