import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { auditWith, type EngineContext, type Handler, type Handlers } from '../handlerKit';
import { refuseWorkspaceFile } from '../ownFiles';
import { writeWhole } from '../writeWhole';
import { loadPriorities, savePriorities, scored } from './savedGrades';

type PriorityChannel = 'priorities.get' | 'priorities.save' | 'priorities.export';

/** The figures of the priorities file come from the library's priority-profiles, run and prepared as any export is. */
export interface PriorityFigures {
  run: Handler<'analyses.run'>;
  prepare: Handler<'exports.prepare'>;
}

/** The analyst's priority grades: read with their scores, saved as a new version, exported as a file to grade. */
export function priorityHandlers({ workspace }: EngineContext, figures: PriorityFigures): Handlers<PriorityChannel> {
  const audit = auditWith(workspace);

  /** The file's text: the latest grades (or the default set, ungraded), their scores and each priority's figures. */
  const exportText = async (area: string) => {
    const run = await figures.run({ id: 'priority-profiles', params: { area }, operationId: randomUUID() });
    // The figures leave the workspace in this file, so they are suppressed as every export is (small counts hidden).
    const page = await figures.prepare({ resultId: run.resultId, suppression: { threshold: 5 } });
    const name = String(run.parameters.area);
    const saved = await loadPriorities(workspace, name);
    const document = {
      format: 'csw-priorities',
      version: 1,
      area: name,
      saved: saved.version ? { version: saved.version, saved_at: saved.saved_at, saved_by: saved.saved_by } : null,
      weights: saved.weights,
      priorities: scored(saved).map((p) => ({ ...p, figures: page.rows.filter((r) => r.priority === p.name) })),
      suppression: page.statement,
    };
    return { area: name, version: saved.version, priorities: document.priorities.length, text: `${JSON.stringify(document, null, 2)}\n` };
  };

  // A file written is an export, recorded with where it went; the text alone (for the command line's stdout) is not.
  const exportToFile = audit<'priorities.export'>({
    action: 'export',
    subject: () => 'priorities',
    detail: ({ target }) => ({ file: path.resolve(target!), format: 'json' }),
    describe: (value) => ({ area: value.area, version: value.version }),
  })(async ({ area, target }) => {
    const file = path.resolve(target!);
    refuseWorkspaceFile(workspace.path, file, 'output');
    const exported = await exportText(area);
    // Written whole or not at all: a partial file beside the target, renamed over it.
    await writeWhole(file, async (partial) => fs.writeFileSync(partial, exported.text));
    return { ...exported, file };
  });

  return {
    'priorities.get': async ({ area }) => {
      const saved = await loadPriorities(workspace, area);
      return { ...saved, priorities: scored(saved) };
    },

    'priorities.save': audit<'priorities.save'>({
      action: 'save-priorities',
      subject: ({ document }) => document.area,
      describe: (value) => ({ version: value.version, by: value.saved_by, priorities: value.priorities }),
    })(({ document }) => savePriorities(workspace, document)),

    'priorities.export': (input) => (input.target ? exportToFile(input) : exportText(input.area).then((exported) => ({ ...exported, file: null }))),
  };
}
