import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { audited, EngineError, loadPriorities, parsePriorities, savePriorities, scored, type Engine } from '../engine';
import { UserError } from './commands';
import { write } from './output';

/**
 * The priorities file for an area: the latest saved grades (or the default set, ungraded), their scores, and the
 * figures priority-profiles gives each priority — to read, edit (grades and evidence) and bring back with import.
 */
export async function exportPriorities(engine: Engine, area: string, out: Writable, file?: string): Promise<void> {
  const run = await engine.invoke('analyses.run', { id: 'priority-profiles', params: { area }, operationId: randomUUID() });
  if (!run.ok) throw new UserError(run.error.message);
  // The figures leave the workspace in this file, so they are suppressed as every export is (small counts hidden).
  const page = await engine.invoke('exports.prepare', { resultId: run.value.resultId, suppression: { threshold: 5 } });
  if (!page.ok) throw new UserError(page.error.message);
  const name = String(run.value.parameters.area);
  const saved = await loadPriorities(engine.workspace, name);
  const document = {
    format: 'csw-priorities',
    version: 1,
    area: name,
    saved: saved.version ? { version: saved.version, saved_at: saved.saved_at, saved_by: saved.saved_by } : null,
    weights: saved.weights,
    priorities: scored(saved).map((p) => ({ ...p, figures: page.value.rows.filter((r) => r.priority === p.name) })),
    suppression: page.value.statement,
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (!file) return write(out, text);
  // Written whole or not at all: a temporary file beside the target, then renamed over it. A file written is an
  // export, recorded in the audit log with where it went.
  await audited(engine.workspace, { action: 'export', subject: 'priorities', detail: { file: path.resolve(file), format: 'json', area: name, version: saved.version } }, async () => {
    const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, file);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  });
  await write(out, `${JSON.stringify({ out: path.resolve(file), area: name, version: saved.version, priorities: document.priorities.length })}\n`);
}

/** Reads a priorities file, checks it whole, and saves it as the area's next version. */
export async function importPriorities(engine: Engine, file: string, out: Writable): Promise<void> {
  if (!fs.existsSync(file)) throw new UserError(`No file at ${file}.`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${path.basename(file)} is not JSON: ${(error as Error).message}`);
  }
  try {
    const parsed = parsePriorities(value);
    const version = await savePriorities(engine.workspace, parsed);
    await write(out, `${JSON.stringify({ saved: parsed.area, version, priorities: parsed.priorities.length })}\n`);
  } catch (error) {
    if (error instanceof EngineError) throw new UserError(error.message);
    throw error;
  }
}
