import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportReport } from '../../shared/api';
import { writeSample } from '../../sample-data/generator/writeSample';
import { createEngine } from '.';
import { EngineError } from './errors';
import { filesDirFor } from './workspace';

/**
 * Builds the sample workspace: generates the synthetic inputs into a temporary folder and imports them, with the real
 * lookups and boundaries, through the normal import pipeline. The inputs are deleted afterwards: they hold raw
 * (synthetic) person IDs, and nothing but pseudonymised ones belongs with a workspace. Refuses an existing workspace.
 */
export async function buildSampleWorkspace(workspacePath: string, seed?: number): Promise<ImportReport[]> {
  if (fs.existsSync(workspacePath)) throw new EngineError('invalid_input', `${workspacePath} already exists; the sample is built into a new workspace.`);
  const absolute = path.resolve(workspacePath);
  const inputs = fs.mkdtempSync(path.join(os.tmpdir(), 'csw-sample-inputs-'));
  const engine = await createEngine(absolute);
  try {
    const imports = writeSample(inputs, seed);
    const reports: ImportReport[] = [];
    for (const step of imports) {
      const result = await engine.invoke('import.run', { file: step.file, as: step.as, mapping: step.mapping, operationId: randomUUID() });
      if (!result.ok) throw new EngineError('internal', `Building the sample workspace failed importing ${path.basename(step.file)}: ${result.error.message}`);
      reports.push(result.value);
    }
    engine.close();
    return reports;
  } catch (error) {
    // A half-built sample is no use to anyone: remove everything this call created.
    engine.close();
    for (const leftover of [absolute, `${absolute}.wal`, filesDirFor(absolute), absolute.replace(/\.duckdb$/i, '') + '.key']) fs.rmSync(leftover, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(inputs, { recursive: true, force: true });
  }
}
