import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { EngineError } from '../errors';
import type { ImportAs } from './choosePlan';
import { readMagic } from './sources/fileMagic';

/** One file of an import of several: where it is read from, and the name the report gives it. */
export interface BatchFile {
  path: string;
  name: string;
}

export interface ExpandedPaths {
  files: BatchFile[];
  /** Files found in folders and archives that are not imported, with why. */
  skipped: { file: string; reason: string }[];
  /** Removes the files taken out of archives. */
  cleanup(): void;
}

const STREET = /-street\.csv$/i;

/** Why a file found in a police.uk download is not imported, or null for a street file. */
function notStreet(name: string): string | null {
  if (STREET.test(name)) return null;
  if (/-outcomes\.csv$/i.test(name)) return 'a police.uk outcomes file: not imported (each street-file row already carries its last outcome)';
  if (/-stop-and-search\.csv$/i.test(name)) return 'a police.uk stop-and-search file: not imported (stop and search is not recorded crime)';
  return 'not a police.uk street file (*-street.csv)';
}

const isZip = (file: string) => {
  const magic = readMagic(file);
  return magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04 && /\.zip$/i.test(file);
};

/**
 * The files an import of several paths reads: files as given; folders searched (with their sub-folders) for police.uk
 * street files; .zip archives likewise, their street files taken out into the workspace's staging folder (cleared on
 * open, so a crash leaves nothing behind for long). Outcomes, stop-and-search and other files are listed as skipped.
 */
export async function expandPaths(paths: readonly string[], as: ImportAs, filesDir: string): Promise<ExpandedPaths> {
  const files: BatchFile[] = [];
  const skipped: ExpandedPaths['skipped'] = [];
  const unzipped = path.join(filesDir, 'staging', `zip-${randomUUID()}`);
  const cleanup = () => fs.rmSync(unzipped, { recursive: true, force: true });
  const policeOnly = (what: string) => {
    if (as !== 'police-uk') throw new EngineError('invalid_input', `${what} is searched for police.uk street files only: import it --as police-uk, or name the files to import.`);
  };
  const fromZip = async (zip: string, shown: string) => {
    policeOnly(`The archive ${shown}`);
    let archive: JSZip;
    try {
      archive = await JSZip.loadAsync(fs.readFileSync(zip));
    } catch (error) {
      throw new EngineError('invalid_input', `${shown} cannot be opened as a zip archive: ${(error as Error).message}`);
    }
    const entries = Object.values(archive.files).filter((e) => !e.dir).sort((a, b) => a.name.localeCompare(b.name));
    for (const [i, entry] of entries.entries()) {
      const name = `${shown}/${entry.name}`;
      const why = notStreet(entry.name);
      if (why) {
        skipped.push({ file: name, reason: why });
        continue;
      }
      // Each entry in a folder of its own, under its own base name: archive paths never choose where files go.
      const target = path.join(unzipped, String(i), path.basename(entry.name));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await new Promise<void>((resolve, reject) => {
        entry.nodeStream().pipe(fs.createWriteStream(target)).on('finish', resolve).on('error', reject);
      });
      files.push({ path: target, name });
    }
  };
  const fromFolder = async (folder: string, shown: string) => {
    policeOnly(`The folder ${shown}`);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      const name = `${shown}/${entry.name}`;
      if (entry.isDirectory()) await fromFolder(full, name);
      else if (entry.isFile() && isZip(full)) await fromZip(full, name);
      else if (entry.isFile()) {
        const why = notStreet(entry.name);
        if (why) skipped.push({ file: name, reason: why });
        else files.push({ path: full, name });
      }
    }
  };
  try {
    for (const given of paths) {
      const stat = fs.statSync(given, { throwIfNoEntry: false });
      if (!stat) throw new EngineError('not_found', `There is no file or folder at ${given}.`);
      if (stat.isDirectory()) await fromFolder(given, path.basename(given));
      else if (isZip(given)) await fromZip(given, path.basename(given));
      else files.push({ path: given, name: path.basename(given) });
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  return { files, skipped, cleanup };
}
