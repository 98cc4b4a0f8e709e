import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo } from '../../shared/api';
import type { AnalysisMetadata } from '../../shared/analyses/schema';
import { assessmentOrder } from '../../shared/exports/assessmentSet';
import { columnsOf, toCount } from './rows';
import { RESULTS_DB, type Workspace } from './workspace';

/**
 * How many results are held. A board pack of the whole assessment set runs every analysis first and builds the pack
 * from all their results, so at least that many must still be held, with room for the analyst's own and a second pack.
 */
export const KEEP = Math.max(50, assessmentOrder.length + 10);

/** What produced a result, kept for its exports: the analysis and parameters, or the query text. */
export interface ResultContext {
  analysis?: AnalysisMetadata & { source: 'library' | 'user' };
  parameters: Record<string, string | number>;
  area: string;
  comparator: string;
  sql: string;
  /** Partial coverage and other cautions, and how the figures were made: carried into every export of the result. */
  warnings?: string[];
  notes?: string[];
}

/**
 * Materialised query results, held in the in-memory results catalogue so they can be paged like any table. Only the
 * newest few are kept; older ones are dropped to free memory.
 */
export class ResultStore {
  private next = 1;
  private readonly results = new Map<string, ColumnInfo[]>();
  /** What produced each result ("analysis crime-rates", "query"…), for the audit record of its export. */
  private readonly origins = new Map<string, string>();
  private readonly contexts = new Map<string, ResultContext>();

  constructor(private readonly workspace: Workspace) {}

  allocate(): string {
    return `r_${this.next++}`;
  }

  async add(id: string, columns: ColumnInfo[]): Promise<void> {
    this.results.set(id, columns);
    while (this.results.size > KEEP) {
      const oldest = this.results.keys().next().value as string;
      this.results.delete(oldest);
      this.origins.delete(oldest);
      this.contexts.delete(oldest);
      await this.workspace.withConnection((c) => c.run(`DROP TABLE IF EXISTS ${RESULTS_DB}.main.${oldest}`));
    }
  }

  /** Records a result just materialised at `relation(id)`: its columns and row count. */
  async register(connection: DuckDBConnection, id: string): Promise<{ resultId: string; columns: ColumnInfo[]; rowCount: number }> {
    const count = await connection.runAndReadAll(`SELECT count(*) FROM ${this.relation(id)}`);
    const columns = columnsOf(await connection.runAndReadAll(`SELECT * FROM ${this.relation(id)} LIMIT 0`));
    await this.add(id, columns);
    return { resultId: id, columns, rowCount: toCount(count.getRows()[0][0]) };
  }

  /** A new result: `build` writes it at the relation it is given; then its origin, columns and count are recorded. */
  async create(
    connection: DuckDBConnection,
    origin: string,
    build: (relation: string, id: string) => Promise<unknown>,
    context?: ResultContext,
  ): Promise<{ resultId: string; columns: ColumnInfo[]; rowCount: number }> {
    const id = this.allocate();
    await build(this.relation(id), id);
    this.origins.set(id, origin);
    if (context) this.contexts.set(id, context);
    return this.register(connection, id);
  }

  origin(id: string): string {
    return this.origins.get(id) ?? 'result';
  }

  context(id: string): ResultContext | undefined {
    return this.contexts.get(id);
  }

  /** Adds the warnings and notes found once the result exists (they depend on its rows). */
  annotate(id: string, extra: { warnings: string[]; notes: string[] }): void {
    const context = this.contexts.get(id);
    if (context) this.contexts.set(id, { ...context, ...extra });
  }

  columns(id: string): ColumnInfo[] | undefined {
    return this.results.get(id);
  }

  relation(id: string): string {
    return `${RESULTS_DB}.main.${id}`;
  }
}
