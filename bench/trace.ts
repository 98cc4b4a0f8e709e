import { DuckDBConnection } from '@duckdb/node-api';

/**
 * `--trace`: prints every engine statement that takes 50 ms or more, with its time, while `work` runs. It wraps the
 * connection's methods for the duration only; it is how the import's time was broken down into its steps.
 */
export async function traced<T>(enabled: boolean, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const originals = Object.fromEntries(['run', 'runAndReadAll'].map((name) => [name, proto[name]]));
  // runAndReadAll calls run: only the outermost call on a connection is reported.
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
        if (outer && ms >= 50) process.stderr.write(`  ${ms.toFixed(0).padStart(6)} ms  ${String(args[0]).replace(/\s+/g, ' ').slice(0, 140)}\n`);
      }
    };
  }
  try {
    return await work();
  } finally {
    Object.assign(proto, originals);
  }
}
