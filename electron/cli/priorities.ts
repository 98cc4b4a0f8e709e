import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { checkPriorityFile } from '../../shared/priorities/morile';
import type { Engine } from '../engine';
import { call, UserError } from './commands';
import { write } from './output';

/**
 * The priorities file for an area (priorities.export): the latest saved grades (or the default set, ungraded), their
 * scores, and the figures priority-profiles gives each priority — to read, edit (grades and evidence) and bring back
 * with import. Written to a file by the engine (whole or not at all, and logged as an export), or printed.
 */
export async function exportPriorities(engine: Engine, area: string, out: Writable, file?: string): Promise<void> {
  const exported = await call(engine, 'priorities.export', { area, ...(file ? { target: path.resolve(file) } : {}) });
  if (!exported.file) return write(out, exported.text);
  await write(out, `${JSON.stringify({ out: exported.file, area: exported.area, version: exported.version, priorities: exported.priorities })}\n`);
}

/** Reads a priorities file, checks it whole, and saves it as the area's next version (priorities.save). */
export async function importPriorities(engine: Engine, file: string, out: Writable): Promise<void> {
  if (!fs.existsSync(file)) throw new UserError(`No file at ${file}.`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${path.basename(file)} is not JSON: ${(error as Error).message}`);
  }
  // The channel's schema makes the same check; made here first, its message reaches the analyst without the
  // dispatcher's "Invalid priorities.save request" before it.
  const checked = checkPriorityFile(value);
  if (!checked.ok) throw new UserError(checked.message);
  const saved = await call(engine, 'priorities.save', { document: value });
  await write(out, `${JSON.stringify({ saved: saved.area, version: saved.version, priorities: saved.priorities })}\n`);
}
