import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './tempWorkspace';

/**
 * A real, small disk: a tmpfs of `megabytes` mounted on a temp folder, so "disk full" is the kernel's ENOSPC and not a
 * mock. Mounting needs root (CI runs as root on these machines); elsewhere `available` is false and the tests that
 * need it skip, saying why on stderr.
 */
export function smallDisk(megabytes: number): { dir: string; available: boolean; fill: (leaveKb: number) => void; free: () => void; cleanup: () => void } {
  const { dir, cleanup } = tempDir('csw-small-disk-');
  let available = false;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'pipe' });
      available = true;
    } catch (error) {
      // Root without the right to mount (a container without CAP_SYS_ADMIN): say why the tests skip.
      process.stderr.write(`smallDisk: cannot mount a tmpfs here, so the full-disk tests skip: ${(error as Error).message}\n`);
    }
  }
  const filler = path.join(dir, 'filler.bin');
  return {
    dir,
    available,
    /** Fills the disk until only about `leaveKb` kilobytes are free. */
    fill(leaveKb) {
      const { bavail, bsize } = fs.statfsSync(dir);
      const bytes = Math.max(0, bavail * bsize - leaveKb * 1024);
      fs.writeFileSync(filler, Buffer.alloc(bytes));
    },
    free: () => fs.rmSync(filler, { force: true }),
    cleanup() {
      if (available) execFileSync('umount', ['-l', dir]);
      cleanup();
    },
  };
}
