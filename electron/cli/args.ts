import { parseArgs } from 'node:util';
import { memoryLimitSetting } from '../engine';

/** A usage error: wrong command shape. Exit code 2, as opposed to 1 for a user error on a well-formed command. */
export class UsageError extends Error {}

export const usage = `Usage:
  csp-workbench init <workspace.duckdb> [--sample]
  csp-workbench import <workspace.duckdb> <file|folder|zip>... --as <dataset|police-uk> [--mapping <profile.json|saved profile name>]
                [--replace | --refresh] [--dry-run]
  csp-workbench imports <workspace.duckdb>
  csp-workbench remove-import <workspace.duckdb> <import-id>
  csp-workbench datasets <workspace.duckdb>
  csp-workbench profiles <workspace.duckdb>
  csp-workbench queries <workspace.duckdb>
  csp-workbench save-query <workspace.duckdb> <query.sql>
  csp-workbench run <workspace.duckdb> <query-id> [--param name=value]... [--format csv|json|xlsx] [--out FILE]
                [--threshold N | --raw]
  csp-workbench batch <workspace.duckdb> --out <folder> [--param name=value]... [--format csv|xlsx] [--threshold N | --raw]
                [--analyses id,id]
  csp-workbench sql <workspace.duckdb> "<SQL>" [--format csv|json]
  csp-workbench priorities <workspace.duckdb> export <area> [--out FILE.json] | import <FILE.json>
  csp-workbench board-pack <workspace.duckdb> --out <pack.docx> [--param name=value]... [--analyses id,id|assessment]
                [--title TEXT] [--marking TEXT] [--threshold N] [--browser PATH | --no-charts]
run and batch write what the app exports: small numbers suppressed (--threshold, default 5; 0 turns it off and the
file says so), with provenance; --raw writes unsuppressed figures for an internal pipeline, labelled RAW.
Every command takes --memory-limit SIZE (e.g. 4GB): DuckDB's memory limit, beyond which it spills to disk
(default: the CSW_MEMORY_LIMIT environment variable, else 80% of the machine's memory).`;

export type Command = Verb & { memoryLimit?: string };

type Verb =
  | { name: 'init'; workspace: string; sample?: boolean }
  | { name: 'datasets'; workspace: string }
  | { name: 'profiles'; workspace: string }
  | { name: 'queries'; workspace: string }
  | { name: 'save-query'; workspace: string; file: string }
  | { name: 'run'; workspace: string; id: string; params: Record<string, string>; format: 'csv' | 'json' | 'xlsx'; out?: string; threshold?: number; raw?: boolean }
  | { name: 'batch'; workspace: string; params: Record<string, string>; format: 'csv' | 'xlsx'; out: string; threshold?: number; raw?: boolean; analyses?: string[] }
  | { name: 'import'; workspace: string; file: string; files?: string[]; as: string; mapping?: string; replace?: boolean; refresh?: boolean; dryRun?: boolean }
  | { name: 'imports'; workspace: string }
  | { name: 'remove-import'; workspace: string; importId: number }
  | { name: 'sql'; workspace: string; sql: string; format: 'csv' | 'json' }
  | { name: 'priorities'; workspace: string; action: 'export'; area: string; out?: string }
  | { name: 'priorities'; workspace: string; action: 'import'; file: string }
  | { name: 'board-pack'; workspace: string; out: string; params: Record<string, string>; analyses?: string[]; title?: string; marking?: string; threshold: number; browser?: string; charts: boolean }
  | { name: 'help' };

export function parseCommand(argv: string[]): Command {
  const global: { memoryLimit?: string } = {};
  const command = parseVerb(argv, global);
  if (global.memoryLimit === undefined || command.name === 'help') return command;
  try {
    return { ...command, memoryLimit: memoryLimitSetting(global.memoryLimit, '--memory-limit') };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The command itself; options every command takes are handed back in `global`. */
function parseVerb(argv: string[], global: { memoryLimit?: string }): Verb {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        as: { type: 'string' },
        mapping: { type: 'string' },
        sample: { type: 'boolean' },
        param: { type: 'string', multiple: true },
        out: { type: 'string' },
        analyses: { type: 'string' },
        title: { type: 'string' },
        marking: { type: 'string' },
        threshold: { type: 'string' },
        browser: { type: 'string' },
        'no-charts': { type: 'boolean' },
        raw: { type: 'boolean' },
        'memory-limit': { type: 'string' },
        replace: { type: 'boolean' },
        refresh: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  global.memoryLimit = values['memory-limit'];
  if (values.help || positionals[0] === 'help') return { name: 'help' };
  const [name, workspace, ...rest] = positionals;
  if (!name) throw new UsageError('No command given.');
  if (!workspace) throw new UsageError(`"${name}" needs a workspace file.`);
  const packOnly = ['analyses', 'title', 'marking', 'threshold', 'browser', 'no-charts'] as const;
  if (name !== 'board-pack') {
    // The threshold is also run's and batch's: everything that writes an analysis's table suppresses it. A batch, like
    // a pack, may be of chosen analyses.
    const shared = (option: (typeof packOnly)[number]) => (option === 'threshold' && (name === 'run' || name === 'batch')) || (option === 'analyses' && name === 'batch');
    const given = packOnly.find((option) => values[option] !== undefined && !shared(option));
    if (given) throw new UsageError(`"${name}" does not take --${given}; it belongs to board-pack.`);
  }
  if (values.raw !== undefined && name !== 'run' && name !== 'batch') throw new UsageError(`"${name}" does not take --raw; it belongs to run and batch.`);
  const parseThreshold = () => {
    const threshold = values.threshold === undefined ? 5 : Number(values.threshold);
    if (!Number.isInteger(threshold) || threshold < 0 || threshold > 100) throw new UsageError(`--threshold must be a whole number from 0 to 100, not "${values.threshold}".`);
    return threshold;
  };
  const importOnly = ['replace', 'refresh', 'dry-run'] as const;
  if (name !== 'import') {
    const given = importOnly.find((option) => values[option] !== undefined);
    if (given) throw new UsageError(`"${name}" does not take --${given}; it belongs to import.`);
  }
  const parseParams = () => {
    const params: Record<string, string> = {};
    for (const pair of values.param ?? []) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--param takes name=value, not "${pair}".`);
      params[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return params;
  };
  const noFormat = () => {
    if (values.format !== undefined) throw new UsageError(`"${name}" does not take --format.`);
    if (name !== 'import' && (values.as !== undefined || values.mapping !== undefined)) throw new UsageError(`"${name}" does not take --as or --mapping.`);
    if (name !== 'run' && name !== 'batch' && (values.param !== undefined || values.out !== undefined)) throw new UsageError(`"${name}" does not take --param or --out.`);
  };
  switch (name) {
    case 'imports':
    case 'init':
    case 'datasets':
    case 'profiles':
    case 'queries':
      noFormat();
      if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
      if (values.sample && name !== 'init') throw new UsageError(`"${name}" does not take --sample.`);
      return name === 'init' && values.sample ? { name, workspace, sample: true } : { name, workspace };
    case 'import': {
      noFormat();
      if (values.sample) throw new UsageError('"import" does not take --sample.');
      if (rest.length === 0) throw new UsageError('"import" takes the files, folders or zips to import.');
      if (!values.as) throw new UsageError('"import" needs --as <dataset|police-uk>.');
      if (values.replace && values.refresh) throw new UsageError('Give --replace (police.uk months) or --refresh (a mapped extract), not both.');
      return { name, workspace, file: rest[0], files: rest, as: values.as, mapping: values.mapping, replace: values.replace, refresh: values.refresh, dryRun: values['dry-run'] };
    }
    case 'remove-import': {
      noFormat();
      if (values.sample) throw new UsageError('"remove-import" does not take --sample.');
      const id = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(id) || id <= 0) throw new UsageError('"remove-import" takes one import id (see "csp-workbench imports").');
      return { name, workspace, importId: id };
    }
    case 'save-query':
      noFormat();
      if (rest.length !== 1) throw new UsageError('"save-query" takes one .sql file with a metadata header.');
      return { name, workspace, file: rest[0] };
    case 'run':
    case 'batch': {
      if (rest.length !== (name === 'run' ? 1 : 0)) throw new UsageError(name === 'run' ? '"run" takes one query id (see "csp-workbench queries").' : '"batch" takes no other arguments.');
      if (values.as !== undefined || values.mapping !== undefined || values.sample) throw new UsageError(`"${name}" takes only --param, --format, --out, --threshold and --raw${name === 'batch' ? ' (and --analyses)' : ''}.`);
      if (values.raw && values.threshold !== undefined) throw new UsageError('Give --threshold or --raw, not both: --raw writes every figure unsuppressed.');
      const params = parseParams();
      const threshold = parseThreshold();
      const raw = Boolean(values.raw);
      const format = values.format ?? 'csv';
      if (name === 'batch') {
        if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format must be csv or xlsx for a batch, not "${format}".`);
        if (!values.out) throw new UsageError('"batch" needs --out <folder>.');
        const analyses = values.analyses?.split(',').map((id) => id.trim()).filter(Boolean);
        if (analyses && analyses.length === 0) throw new UsageError('--analyses takes a comma-separated list of analysis ids (see "csp-workbench queries").');
        return { name, workspace, params, format, out: values.out, threshold, raw, ...(analyses ? { analyses } : {}) };
      }
      if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new UsageError(`--format must be csv, json or xlsx, not "${format}".`);
      if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx writes a file: give --out <file.xlsx>.');
      return { name, workspace, id: rest[0], params, format, out: values.out, threshold, raw };
    }
    case 'sql': {
      if (values.as !== undefined || values.mapping !== undefined || values.sample) throw new UsageError('"sql" takes only --format.');
      if (rest.length !== 1) throw new UsageError('"sql" takes exactly one SQL string (quote it).');
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}".`);
      return { name, workspace, sql: rest[0], format };
    }
    case 'priorities': {
      // The analyst's priority grades for an area, as a JSON file to edit and bring back.
      if (values.format !== undefined || values.as !== undefined || values.mapping !== undefined || values.sample || values.param !== undefined) throw new UsageError('"priorities" takes only --out (with export).');
      const [action, target, extra] = rest;
      if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
      if (action === 'export' && target) return { name, workspace, action, area: target, out: values.out };
      if (action === 'import' && target && values.out === undefined) return { name, workspace, action, file: target };
      throw new UsageError('"priorities" takes export <area> [--out FILE.json] or import <FILE.json>.');
    }
    case 'board-pack': {
      if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
      if (values.format !== undefined || values.as !== undefined || values.mapping !== undefined || values.sample) throw new UsageError('"board-pack" takes --out, --param, --analyses, --title, --marking, --threshold, --browser and --no-charts.');
      if (!values.out) throw new UsageError('"board-pack" needs --out <pack.docx>.');
      if (values.browser && values['no-charts']) throw new UsageError('Give --browser or --no-charts, not both.');
      const threshold = parseThreshold();
      const analyses = values.analyses === undefined || values.analyses === 'assessment' ? undefined : values.analyses.split(',').map((id) => id.trim()).filter(Boolean);
      if (values.marking !== undefined && !/^[^\n\r]{1,60}$/.test(values.marking.trim())) throw new UsageError('--marking must be one line of 1 to 60 characters, such as "OFFICIAL-SENSITIVE".');
      return { name, workspace, out: values.out, params: parseParams(), analyses, title: values.title, marking: values.marking?.trim(), threshold, browser: values.browser, charts: !values['no-charts'] };
    }
    default:
      throw new UsageError(`Unknown command "${name}".`);
  }
}
