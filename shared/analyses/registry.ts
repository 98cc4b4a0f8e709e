import { analysisMetadata, type Analysis } from './schema';

/*
 * The library: every analysis is a SQL file and a JSON metadata file of the same name in ./library, bundled as text.
 * Adding an analysis is adding those two files.
 */
const metadata = import.meta.glob('./library/*.json', { eager: true, import: 'default' });
const sql = import.meta.glob('./library/*.sql', { eager: true, query: '?raw', import: 'default' });

export const analyses: readonly Analysis[] = Object.entries(metadata)
  .map(([file, json]) => {
    const meta = analysisMetadata.parse(json);
    const text = sql[file.replace(/\.json$/, '.sql')];
    if (typeof text !== 'string') throw new Error(`${file} has no SQL file beside it.`);
    if (`./library/${meta.id}.json` !== file) throw new Error(`${file} declares the id ${meta.id}.`);
    return { ...meta, sql: text };
  })
  .sort((a, b) => a.theme.localeCompare(b.theme) || a.title.localeCompare(b.title));

export const findAnalysis = (id: string): Analysis | undefined => analyses.find((a) => a.id === id);
