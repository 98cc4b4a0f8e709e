import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../../errors';
import type { StagedRecord } from '../stage';
import workerSource from './xlsxWorker.cjs?raw';

/** What a workbook may hold before it is refused unread (checked in the worker, before exceljs parses anything). */
export const XLSX_CAPS = {
  /** Distinct text values (shared strings): exceljs keeps each in memory. A million-row extract has a few million. */
  sharedStrings: 5_000_000,
  sharedStringsBytes: 1024 * 1024 * 1024,
  /** All parts together, as the zip declares them. */
  totalBytes: 8 * 1024 * 1024 * 1024,
  entries: 10_000,
  columns: 16_384,
};
/** The worker's own heap: a workbook that still outgrows it kills the worker, never the engine. */
const WORKER_HEAP_MB = 2048;
const BATCH = 2000;

/**
 * The rows of a workbook's sheet, read by exceljs in a worker thread (xlsxWorker.cjs) in batches. Anything exceljs
 * spools to disk goes into a folder of its own under the workspace's `staging/` (never the OS temp folder), removed
 * when the rows end, when the reader stops early (a preview), or on failure — and on the next open after a crash.
 */
export async function* xlsxRows(file: string, sheetName: string | undefined, filesDir: string, caps = XLSX_CAPS): AsyncGenerator<StagedRecord> {
  const tmpdir = path.join(filesDir, 'staging', `xlsx-${randomUUID()}`);
  fs.mkdirSync(tmpdir, { recursive: true });
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, sheet: sheetName, tmpdir, exceljs: exceljsPath(), caps, batch: BATCH },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    stdout: true,
    stderr: true,
  });
  const messages: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const push = (message: WorkerMessage) => {
    messages.push(message);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (error: Error & { code?: string }) =>
    push({
      type: 'error',
      refused: true,
      message:
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `This workbook needs more than ${WORKER_HEAP_MB.toLocaleString('en-GB')} MB of memory to read; save the sheet as CSV and import that.`
          : `This workbook cannot be read: ${error.message}`,
    }),
  );
  worker.on('exit', () => push({ type: 'error', refused: false, message: 'The workbook reader stopped unexpectedly.' }));
  try {
    for (;;) {
      while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = messages.shift() as WorkerMessage;
      if (message.type === 'end') return;
      if (message.type === 'error') throw new EngineError('invalid_input', message.refused ? message.message : `This workbook cannot be read: ${message.message}`);
      worker.postMessage('more');
      yield* message.rows;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
    fs.rmSync(tmpdir, { recursive: true, force: true });
  }
}

type WorkerMessage = { type: 'rows'; rows: StagedRecord[] } | { type: 'end' } | { type: 'error'; refused: boolean; message: string };

/** exceljs's entry file, for the worker to require: the same copy the engine would load itself. */
function exceljsPath(): string {
  return createRequire(__filename).resolve('exceljs');
}
