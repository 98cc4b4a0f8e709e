import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Channel, ColumnInfo, Input, Output } from '../../shared/api';
import { importAs } from '../../shared/contracts/import';
import { mappingProfile, type MappingProfile } from '../../shared/datasets/mappingProfile';
import { csvRecord } from '../../shared/format/csv';
import { isNumericType, toJsonNumber } from '../../shared/format/numbers';
import { createEngine, type Engine } from '../engine';
import { buildSampleWorkspace } from '../engine/sampleWorkspace';
import type { Command } from './args';

/** A user error (missing file, rejected SQL): exit code 1 with a one-line message. */
export class UserError extends Error {}

const PAGE = 5000;

export async function runCommand(command: Exclude<Command, { name: 'help' }>, out: Writable): Promise<void> {
  const exists = fs.existsSync(command.workspace);
  if (command.name === 'init' && exists) throw new UserError(`${command.workspace} already exists; choose a new file name.`);
  if (command.name === 'init' && command.sample) {
    const reports = await buildSampleWorkspace(command.workspace).catch((error: Error) => {
      throw new UserError(error.message);
    });
    const summary = reports.map((r) => ({ file: r.file, rows_imported: r.rows_imported, rows_quarantined: r.rows_quarantined }));
    await write(out, `${JSON.stringify({ workspace: path.resolve(command.workspace), created: true, sample: true, imports: summary }, null, 2)}\n`);
    return;
  }
  if (command.name !== 'init' && !exists) throw new UserError(`No workspace at ${command.workspace}; create one with "csp-workbench init".`);

  const engine = await createEngine(command.workspace).catch((error: Error) => {
    throw new UserError(`cannot open ${command.workspace}: ${error.message}`);
  });
  try {
    switch (command.name) {
      case 'init':
        await write(out, `${JSON.stringify({ workspace: engine.workspace.path, created: true })}\n`);
        return;
      case 'datasets':
        await write(out, `${JSON.stringify((await call(engine, 'datasets.list', {})).datasets, null, 2)}\n`);
        return;
      case 'profiles':
        // Each profile as its JSON, so one can be saved to a file and shared with another workspace.
        await write(out, `${JSON.stringify((await call(engine, 'profiles.list', {})).profiles, null, 2)}\n`);
        return;
      case 'sql': {
        const { resultId, columns, rowCount } = await call(engine, 'sql.run', { sql: command.sql, operationId: randomUUID() });
        await writeResult(engine, resultId, columns, rowCount, command.format, out);
        return;
      }
      case 'queries': {
        const { analyses } = await call(engine, 'analyses.list', {});
        const listed = analyses.map(({ id, title, theme, description, parameters }) => ({ id, title, theme, description, parameters }));
        await write(out, `${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      case 'run': {
        const result = await call(engine, 'analyses.run', { id: command.id, params: command.params, operationId: randomUUID() });
        if (command.out) {
          const file = fs.createWriteStream(command.out);
          await writeResult(engine, result.resultId, result.columns, result.rowCount, command.format, file);
          await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
        } else await writeResult(engine, result.resultId, result.columns, result.rowCount, command.format, out);
        return;
      }
      case 'import': {
        const as = importAs.safeParse(command.as);
        if (!as.success) throw new UserError(`--as must be police-uk or a dataset (${importAs.options.slice(1).join(', ')}), not "${command.as}".`);
        // --mapping names a JSON file, or else a profile saved in the workspace by an earlier import.
        const fromFile = command.mapping !== undefined && fs.existsSync(command.mapping);
        const mapping = fromFile ? readMapping(command.mapping!) : undefined;
        const profile = fromFile ? undefined : command.mapping;
        const report = await call(engine, 'import.run', { file: path.resolve(command.file), as: as.data, mapping, profile, operationId: randomUUID() });
        await write(out, `${JSON.stringify(report, null, 2)}\n`);
        return;
      }
    }
  } finally {
    engine.close();
  }
}

/** A saved mapping profile (JSON), checked against the profile schema with a message saying what is wrong. */
function readMapping(file: string): MappingProfile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read the mapping profile ${file}: ${(error as Error).message}`);
  }
  const parsed = mappingProfile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`the mapping profile ${file} is not valid: ${issue.path.join('.') || 'profile'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Calls a channel through the same validating dispatcher as the app, turning an error result into a UserError. */
async function call<C extends Channel>(engine: Engine, channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value;
}

/** Writes a materialised result as CSV or JSON (numbers as JSON numbers), a page at a time. */
async function writeResult(engine: Engine, resultId: string, columns: ColumnInfo[], rowCount: number, format: 'csv' | 'json', out: Writable): Promise<void> {
  const names = columns.map((c) => c.name);
  const numeric = new Set(columns.filter((c) => isNumericType(c.type)).map((c) => c.name));
  if (format === 'csv') await write(out, `${csvRecord(names)}\n`);
  else await write(out, '[');
  // Streams the materialised result a page at a time, so a large result never sits in memory whole.
  for (let start = 0; start < rowCount; start += PAGE) {
    const { rows } = await call(engine, 'grid.page', { source: { kind: 'result', id: resultId }, startRow: start, endRow: start + PAGE });
    const text = rows.map((row, i) => {
      if (format === 'csv') return `${csvRecord(names.map((n) => row[n]))}\n`;
      const typed = Object.fromEntries(names.map((n) => [n, numeric.has(n) ? toJsonNumber(row[n]) : row[n]]));
      return `${start + i === 0 ? '' : ','}\n${JSON.stringify(typed)}`;
    });
    await write(out, text.join(''));
  }
  if (format === 'json') await write(out, rowCount === 0 ? ']\n' : '\n]\n');
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(text)) resolve();
    else out.once('drain', resolve).once('error', reject);
  });
}
