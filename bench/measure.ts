import type { DuckDBConnection } from '@duckdb/node-api';

/** Medians, not means: these machines are noisy, and one slow run should not move the figure. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Wall time, and the CPU time this process (every thread: Node and DuckDB's workers) spent meanwhile. On a machine
 * shared with other work the wall time stretches with the load; the CPU time much less, so it is recorded beside it.
 */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

/** Median time of `runs` runs of `work`, after `setup` before each (untimed). */
export async function medianOf(runs: number, work: () => Promise<unknown>, setup: () => Promise<unknown> = async () => undefined): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup();
    times.push((await timed(work)).ms);
  }
  return median(times);
}

/** Samples this process's resident memory every 50 ms; `stop()` gives the peak in bytes. */
export function peakMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Samples what DuckDB's buffer manager holds (memory_usage_bytes) and has spilled to its temporary folder
 * (temporary_storage_bytes) every `intervalMs`, on a connection of its own, while the work runs: the evidence that the
 * engine keeps to its memory limit by spilling. `stop()` gives the peaks in bytes.
 */
export function duckdbMemory(connect: () => Promise<DuckDBConnection>, intervalMs = 250): { stop(): Promise<{ peakBytes: number; spilledBytes: number }> } {
  let peakBytes = 0;
  let spilledBytes = 0;
  let running = true;
  const loop = (async () => {
    const connection = await connect();
    try {
      while (running) {
        const [[used, spilled]] = (await connection.runAndReadAll('SELECT sum(memory_usage_bytes), sum(temporary_storage_bytes) FROM duckdb_memory()')).getRows();
        peakBytes = Math.max(peakBytes, Number(used));
        spilledBytes = Math.max(spilledBytes, Number(spilled));
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    } finally {
      connection.closeSync();
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { peakBytes, spilledBytes };
    },
  };
}
