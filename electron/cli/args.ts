import { parseArgs } from 'node:util';
import { memoryLimitSetting } from '../engine/memoryLimit';

/** A usage error: wrong command shape. Exit code 2, as opposed to 1 for a user error on a well-formed command. */
export class UsageError extends Error {}

export const usage = `Usage:
  csp-workbench init <workspace.duckdb> [--sample]
  csp-workbench import <workspace.duckdb> <file> --as <dataset|police-uk> [--mapping <profile.json|saved profile name>]
  csp-workbench datasets <workspace.duckdb>
  csp-workbench profiles <workspace.duckdb>
  csp-workbench queries <workspace.duckdb>
  csp-workbench save-query <workspace.duckdb> <query.sql>
  csp-workbench run <workspace.duckdb> <query-id> [--param name=value]... [--format csv|json|xlsx] [--out FILE]
  csp-workbench batch <workspace.duckdb> --out <folder> [--param name=value]... [--format csv|xlsx]
  csp-workbench sql <workspace.duckdb> "<SQL>" [--format csv|json]
  csp-workbench priorities <workspace.duckdb> export <area> [--out FILE.json] | import <FILE.json>
  csp-workbench board-pack <workspace.duckdb> --out <pack.docx> [--param name=value]... [--analyses id,id|assessment]
                [--title TEXT] [--threshold N] [--browser PATH | --no-charts]
Every command takes --memory-limit SIZE (e.g. 4GB): DuckDB's memory limit, beyond which it spills to disk
(default: the CSW_MEMORY_LIMIT environment variable, else 80% of the machine's memory).`;

export type Command = Verb & { memoryLimit?: string };

type Verb =
  | { name: 'init'; workspace: string; sample?: boolean }
  | { name: 'datasets'; workspace: string }
  | { name: 'profiles'; workspace: string }
  | { name: 'queries'; workspace: string }
  | { name: 'save-query'; workspace: string; file: string }
  | { name: 'run'; workspace: string; id: string; params: Record<string, string>; format: 'csv' | 'json' | 'xlsx'; out?: string }
  | { name: 'batch'; workspace: string; params: Record<string, string>; format: 'csv' | 'xlsx'; out: string }
  | { name: 'import'; workspace: string; file: string; as: string; mapping?: string }
  | { name: 'sql'; workspace: string; sql: string; format: 'csv' | 'json' }
  | { name: 'priorities'; workspace: string; action: 'export'; area: string; out?: string }
  | { name: 'priorities'; workspace: string; action: 'import'; file: string }
  | { name: 'board-pack'; workspace: string; out: string; params: Record<string, string>; analyses?: string[]; title?: string; threshold: number; browser?: string; charts: boolean }
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
        threshold: { type: 'string' },
        browser: { type: 'string' },
        'no-charts': { type: 'boolean' },
        'memory-limit': { type: 'string' },
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
  const packOnly = ['analyses', 'title', 'threshold', 'browser', 'no-charts'] as const;
  if (name !== 'board-pack') {
    const given = packOnly.find((option) => values[option] !== undefined);
    if (given) throw new UsageError(`"${name}" does not take --${given}; it belongs to board-pack.`);
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
      if (rest.length !== 1) throw new UsageError('"import" takes one file to import.');
      if (!values.as) throw new UsageError('"import" needs --as <dataset|police-uk>.');
      return { name, workspace, file: rest[0], as: values.as, mapping: values.mapping };
    }
    case 'save-query':
      noFormat();
      if (rest.length !== 1) throw new UsageError('"save-query" takes one .sql file with a metadata header.');
      return { name, workspace, file: rest[0] };
    case 'run':
    case 'batch': {
      if (rest.length !== (name === 'run' ? 1 : 0)) throw new UsageError(name === 'run' ? '"run" takes one query id (see "csp-workbench queries").' : '"batch" takes no other arguments.');
      if (values.as !== undefined || values.mapping !== undefined || values.sample) throw new UsageError(`"${name}" takes only --param, --format and --out.`);
      const params = parseParams();
      const format = values.format ?? 'csv';
      if (name === 'batch') {
        if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format must be csv or xlsx for a batch, not "${format}".`);
        if (!values.out) throw new UsageError('"batch" needs --out <folder>.');
        return { name, workspace, params, format, out: values.out };
      }
      if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new UsageError(`--format must be csv, json or xlsx, not "${format}".`);
      if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx writes a file: give --out <file.xlsx>.');
      return { name, workspace, id: rest[0], params, format, out: values.out };
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
      if (values.format !== undefined || values.as !== undefined || values.mapping !== undefined || values.sample) throw new UsageError('"board-pack" takes --out, --param, --analyses, --title, --threshold, --browser and --no-charts.');
      if (!values.out) throw new UsageError('"board-pack" needs --out <pack.docx>.');
      if (values.browser && values['no-charts']) throw new UsageError('Give --browser or --no-charts, not both.');
      const threshold = values.threshold === undefined ? 5 : Number(values.threshold);
      if (!Number.isInteger(threshold) || threshold < 0 || threshold > 100) throw new UsageError(`--threshold must be a whole number from 0 to 100, not "${values.threshold}".`);
      const analyses = values.analyses === undefined || values.analyses === 'assessment' ? undefined : values.analyses.split(',').map((id) => id.trim()).filter(Boolean);
      return { name, workspace, out: values.out, params: parseParams(), analyses, title: values.title, threshold, browser: values.browser, charts: !values['no-charts'] };
    }
    default:
      throw new UsageError(`Unknown command "${name}".`);
  }
}
