import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Puts a file where DuckDB may read it: the workspace's own `staging/` folder (see lockdown.ts), hard-linked, or
 * copied when it is on another drive. `remove` takes it away again; anything a crash leaves is cleared on open.
 */
export function linkIntoStaging(file: string, filesDir: string, extension: string): { path: string; remove: () => void } {
  const stagingDir = path.join(filesDir, 'staging');
  fs.mkdirSync(stagingDir, { recursive: true });
  const linked = path.join(stagingDir, `${randomUUID()}${extension}`);
  // A hard link to a symbolic link is the link itself, which DuckDB would follow outside the folder it may read (and
  // refuse with its own message): link the file the symbolic link points to.
  const real = fs.realpathSync(file);
  try {
    fs.linkSync(real, linked);
  } catch {
    fs.copyFileSync(real, linked);
  }
  return { path: linked, remove: () => fs.rmSync(linked, { force: true }) };
}
