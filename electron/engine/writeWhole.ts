import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file whole or not at all: `write` fills a temporary file beside the target (same folder, so the rename is
 * atomic), which then replaces the target. If writing fails the temporary file is removed and the target — a previous
 * export, say — is untouched; if the process is killed, only a `.partial-<pid>` file can be left, never a truncated target.
 */
export async function writeWhole(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  try {
    await write(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
