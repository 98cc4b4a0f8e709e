import type { ColumnInfo } from '../../shared/api';
import { RESULTS_DB, type Workspace } from './workspace';

const KEEP = 20;

/**
 * Materialised query results, held in the in-memory results catalogue so they can be paged like any table. Only the
 * newest few are kept; older ones are dropped to free memory.
 */
export class ResultStore {
  private next = 1;
  private readonly results = new Map<string, ColumnInfo[]>();

  constructor(private readonly workspace: Workspace) {}

  allocate(): string {
    return `r_${this.next++}`;
  }

  async add(id: string, columns: ColumnInfo[]): Promise<void> {
    this.results.set(id, columns);
    while (this.results.size > KEEP) {
      const oldest = this.results.keys().next().value as string;
      this.results.delete(oldest);
      await this.workspace.withConnection((c) => c.run(`DROP TABLE IF EXISTS ${RESULTS_DB}.main.${oldest}`));
    }
  }

  columns(id: string): ColumnInfo[] | undefined {
    return this.results.get(id);
  }

  relation(id: string): string {
    return `${RESULTS_DB}.main.${id}`;
  }
}
