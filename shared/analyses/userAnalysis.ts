import { z } from 'zod';
import { analysisMetadata, type AnalysisMetadata } from './schema';

/**
 * An analyst's own analysis: SQL written in the app or a .sql file, saved into the workspace's library with its
 * parameters. Its SQL reads parameters from a one-row `params` table (e.g. `(SELECT "from" FROM params)`), beside the
 * same context tables built-in analyses use (area_districts, comparator_districts, populations, ward_populations).
 */
export const userAnalysis = z.object({
  metadata: analysisMetadata.pick({ id: true, title: true, parameters: true }).extend({
    description: z.string().max(2000).default(''),
    theme: z.string().max(100).default('My analyses'),
  }),
  sql: z.string().min(1).max(100_000),
});
export type UserAnalysis = z.infer<typeof userAnalysis>;

/** Full metadata for a saved user analysis; its output columns are whatever its query returns. */
export function userMetadata(saved: UserAnalysis, columns: { name: string; type: string }[]): AnalysisMetadata {
  return {
    ...saved.metadata,
    columns: columns.map((c) => ({ name: c.name, label: c.name, format: /INT|DOUBLE|DECIMAL|FLOAT/.test(c.type) ? 'number' : 'text' })),
    chart: { type: 'table' },
    method: 'An analyst’s own SQL, saved in this workspace.',
  };
}

/**
 * Reads the metadata header of a .sql file: leading `-- key: value` comment lines (id, title, description, theme) and
 * `-- param: name type "Label" [default=value]` lines. The rest of the file is the query.
 */
export function parseSqlFile(text: string): UserAnalysis {
  const meta: Record<string, string> = {};
  const parameters: UserAnalysis['metadata']['parameters'] = [];
  const lines = text.split(/\r?\n/);
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^--\s*(\w+):\s*(.*)$/.exec(lines[i].trim());
    if (!m) break;
    if (m[1] === 'param') {
      const p = /^([a-z_]+)\s+(area|date|integer|number|text)\s+"([^"]+)"(?:\s+default=(\S+))?$/.exec(m[2].trim());
      if (!p) throw new Error(`Line ${i + 1}: a parameter is written: -- param: name type "Label" [default=value]`);
      const type = p[2] as 'area' | 'date' | 'integer' | 'number' | 'text';
      const dflt = p[4] === undefined ? undefined : type === 'integer' || type === 'number' ? Number(p[4]) : p[4];
      parameters.push({ name: p[1], type, label: p[3], ...(dflt === undefined ? {} : { default: dflt }) });
    } else meta[m[1]] = m[2].trim();
  }
  return userAnalysis.parse({
    metadata: { id: meta.id, title: meta.title, description: meta.description, theme: meta.theme, parameters },
    sql: lines.slice(i).join('\n').trim(),
  });
}
