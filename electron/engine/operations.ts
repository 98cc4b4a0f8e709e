import type { DuckDBConnection } from '@duckdb/node-api';
import type { OperationEvent } from '../../shared/api';
import { EngineError } from './errors';
import { timedOut } from './queryLimits';

type Listener = (event: OperationEvent) => void;

interface Running {
  connection: DuckDBConnection;
  cancelled: boolean;
  timedOut: boolean;
}

const POLL_MS = 250;

/** What long work sees of its operation: whether Cancel was pressed, and a way to report its own progress. */
export interface OperationControl {
  readonly cancelled: boolean;
  report(percentage: number): void;
}

/**
 * Long work runs under an operation id the caller chose, on its own connection: progress is read from DuckDB's query
 * progress and pushed as events, and Cancel interrupts that connection only.
 */
export class Operations {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<Listener>();

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `progressFrom: 'duckdb'` polls the connection's query progress; 'work' leaves reporting to the work itself (an
   * import knows how much of the file it has read, which DuckDB does not). `timeLimitMs` stops the work by the same
   * interrupt as Cancel once it has run that long (user SQL and analyses).
   */
  async run<T>(
    operationId: string,
    label: string,
    connection: DuckDBConnection,
    work: (control: OperationControl) => Promise<T>,
    progressFrom: 'duckdb' | 'work' = 'duckdb',
    timeLimitMs?: number,
  ): Promise<T> {
    if (this.running.has(operationId)) throw new EngineError('invalid_input', `Operation ${operationId} is already running.`);
    const entry: Running = { connection, cancelled: false, timedOut: false };
    this.running.set(operationId, entry);
    let last = Number.NaN;
    const report = (percentage: number) => {
      const rounded = Math.round(Math.max(-1, Math.min(100, percentage)) * 10) / 10;
      if (rounded !== last) {
        last = rounded;
        this.emit({ type: 'progress', operationId, label, percentage: rounded });
      }
    };
    report(progressFrom === 'duckdb' ? connection.progress.percentage : 0);
    // A Cancel pressed (or the time limit reached) between statements (before DuckDB has started the query, or
    // between two of an analysis's statements) interrupts nothing: DuckDB clears the interrupt when the next query starts. So once cancelled, each
    // poll interrupts again until the work stops. Imports watch `control.cancelled` themselves between batches.
    const timer =
      progressFrom === 'duckdb'
        ? setInterval(() => {
            if (entry.cancelled || entry.timedOut) connection.interrupt();
            report(connection.progress.percentage);
          }, POLL_MS)
        : undefined;
    const deadline =
      timeLimitMs === undefined
        ? undefined
        : setTimeout(() => {
            entry.timedOut = true;
            connection.interrupt();
          }, timeLimitMs);
    const control: OperationControl = {
      get cancelled() {
        return entry.cancelled;
      },
      report,
    };
    try {
      const value = await work(control);
      this.emit({ type: 'end', operationId, outcome: 'done' });
      return value;
    } catch (error) {
      this.emit({ type: 'end', operationId, outcome: entry.cancelled ? 'cancelled' : 'failed' });
      if (entry.cancelled) throw new EngineError('cancelled', `${label} was cancelled.`);
      if (entry.timedOut && timeLimitMs !== undefined) throw timedOut(timeLimitMs);
      throw error;
    } finally {
      clearInterval(timer);
      clearTimeout(deadline);
      this.running.delete(operationId);
    }
  }

  cancel(operationId: string): boolean {
    const entry = this.running.get(operationId);
    if (!entry) return false;
    entry.cancelled = true;
    entry.connection.interrupt();
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  private emit(event: OperationEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
