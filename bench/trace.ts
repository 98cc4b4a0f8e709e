import { DuckDBConnection } from '@duckdb/node-api';

/** Where an import's engine time went: reading the file into the staging table, checking and typing it, writing it. */
export interface Phases {
  staging: number;
  checking: number;
  writing: number;
}

/**
 * The phase of one engine statement, by what it does: the statement that fills the staging table reads the file; the
 * inserts into the workspace's own tables (and the COMMIT that makes them durable) write; everything between checks.
 */
export function phaseOf(sql: string): keyof Phases {
  if (/^\s*CREATE OR REPLACE TEMP TABLE csw_stage(_fast)?\b/i.test(sql) || /\bread_csv\(/i.test(sql)) return 'staging';
  if (/^\s*(INSERT INTO (main|csw_meta)\.|DELETE FROM main\.|COMMIT\b)/i.test(sql)) return 'writing';
  return 'checking';
}

/**
 * Times every engine statement while `work` runs and adds each to its phase (`phases`, in ms); with `print`
 * (`--trace`), also prints each one taking 50 ms or more. It wraps the connection's methods for the duration only: it
 * is how the import's time is broken down into its steps, in the results of record as in a trace.
 */
export async function traced<T>(print: boolean, work: () => Promise<T>, phases: Phases = { staging: 0, checking: 0, writing: 0 }): Promise<T> {
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const originals = Object.fromEntries(['run', 'runAndReadAll'].map((name) => [name, proto[name]]));
  // runAndReadAll calls run: only the outermost call on a connection is counted.
  const depth = new WeakMap<object, number>();
  for (const [name, original] of Object.entries(originals)) {
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      const started = performance.now();
      const connection = this as object;
      depth.set(connection, (depth.get(connection) ?? 0) + 1);
      try {
        return await original.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const outer = depth.get(connection) === 1;
        depth.set(connection, (depth.get(connection) ?? 1) - 1);
        if (outer) {
          const sql = String(args[0]);
          phases[phaseOf(sql)] += ms;
          if (print && ms >= 50) process.stderr.write(`  ${ms.toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 140)}\n`);
        }
      }
    };
  }
  try {
    return await work();
  } finally {
    Object.assign(proto, originals);
  }
}

/** Each phase's median over runs, rounded to the ms. */
export function medianPhases(runs: readonly Phases[]): Phases {
  const mid = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return Math.round(sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2);
  };
  return { staging: mid(runs.map((r) => r.staging)), checking: mid(runs.map((r) => r.checking)), writing: mid(runs.map((r) => r.writing)) };
}
