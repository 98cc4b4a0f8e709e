import os from 'node:os';
import { checkPriorityFile, priorityScore, withDefaults, defaultWeights, type PriorityFile, type PriorityGrades, type Weights } from '../../../shared/priorities/morile';
import { PRIORITY_GRADES_DDL } from '../priorityGradesTable';
import { EngineError } from '../errors';
import type { Workspace } from '../workspace';

/*
 * The analyst's priority grades (shared/priorities/morile.ts), saved in the workspace per area. Every save is a new
 * version — nothing is overwritten — and is recorded in the audit log (where priorities.save is registered,
 * priorities/handlers.ts) with who saved it and when, so the grades a board saw can always be found again.
 */

const DDL = PRIORITY_GRADES_DDL;

export interface SavedPriorities {
  area: string;
  /** 0 when nothing has been saved for the area yet (the default set, ungraded). */
  version: number;
  saved_at: string | null;
  saved_by: string | null;
  weights: Weights;
  priorities: PriorityGrades[];
}

/** Who is saving: the operating-system account, the same "who" a shared drive would record. */
const who = () => {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
};

/** The latest saved grades for an area (by name, case-insensitive), over the default set of priorities. */
export async function loadPriorities(workspace: Workspace, area: string): Promise<SavedPriorities> {
  const row = await workspace.withConnection(async (c) => {
    await c.run(DDL);
    const reader = await c.runAndReadAll(
      'SELECT area, version, CAST(saved_at AS VARCHAR), saved_by, grades_json FROM csw_meta.priority_grades WHERE lower(area) = lower(?) ORDER BY version DESC LIMIT 1',
      [area],
    );
    return reader.getRows()[0];
  });
  if (!row) return { area, version: 0, saved_at: null, saved_by: null, weights: defaultWeights, priorities: withDefaults([]) };
  const saved = JSON.parse(String(row[4])) as { weights: Weights; priorities: PriorityGrades[] };
  return { area: String(row[0]), version: Number(row[1]), saved_at: String(row[2]), saved_by: String(row[3]), weights: saved.weights, priorities: withDefaults(saved.priorities) };
}

/** Checks a priorities file; the message names the priority and grade at fault. Nothing is saved from a bad file. */
export function parsePriorities(value: unknown): PriorityFile {
  const checked = checkPriorityFile(value);
  if (!checked.ok) throw new EngineError('invalid_input', checked.message);
  return checked.file;
}

/** Saves a new version of an area's grades; returns the version written and who wrote it. */
export async function savePriorities(workspace: Workspace, file: PriorityFile): Promise<{ area: string; version: number; saved_by: string; priorities: number }> {
  const by = who();
  const grades = { weights: file.weights, priorities: file.priorities.map(({ name, grades, evidence }) => ({ name, grades, evidence })) };
  const version = await workspace.withConnection(async (c) => {
    await c.run(DDL);
    await c.run('BEGIN TRANSACTION');
    try {
      const [[latest]] = (await c.runAndReadAll('SELECT coalesce(max(version), 0) FROM csw_meta.priority_grades WHERE lower(area) = lower(?)', [file.area])).getRows();
      const next = Number(latest) + 1;
      await c.run('INSERT INTO csw_meta.priority_grades VALUES (?, ?, now()::TIMESTAMP, ?, ?)', [file.area, next, by, JSON.stringify(grades)]);
      await c.run('COMMIT');
      return next;
    } catch (error) {
      await c.run('ROLLBACK');
      throw error;
    }
  });
  return { area: file.area, version, saved_by: by, priorities: file.priorities.length };
}

/** The grades with their scores, for export and for the board pack. */
export function scored(saved: SavedPriorities): (PriorityGrades & { score: number | null })[] {
  return saved.priorities.map((p) => ({ ...p, score: priorityScore(p.grades, saved.weights) }));
}
