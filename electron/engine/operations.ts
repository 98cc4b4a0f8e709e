import type { DuckDBConnection } from '@duckdb/node-api';
import type { OperationEvent } from '../../shared/api';
import { EngineError } from './errors';

type Listener = (event: OperationEvent) => void;

interface Running {
  connection: DuckDBConnection;
  cancelled: boolean;
}

const POLL_MS = 250;

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

  async run<T>(operationId: string, label: string, connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
    if (this.running.has(operationId)) throw new EngineError('invalid_input', `Operation ${operationId} is already running.`);
    const entry: Running = { connection, cancelled: false };
    this.running.set(operationId, entry);
    let last = Number.NaN;
    const report = () => {
      const percentage = connection.progress.percentage;
      if (percentage !== last) {
        last = percentage;
        this.emit({ type: 'progress', operationId, label, percentage: Math.max(-1, Math.min(100, percentage)) });
      }
    };
    report();
    const timer = setInterval(report, POLL_MS);
    try {
      const value = await work();
      this.emit({ type: 'end', operationId, outcome: 'done' });
      return value;
    } catch (error) {
      this.emit({ type: 'end', operationId, outcome: entry.cancelled ? 'cancelled' : 'failed' });
      if (entry.cancelled) throw new EngineError('cancelled', `${label} was cancelled.`);
      throw error;
    } finally {
      clearInterval(timer);
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
