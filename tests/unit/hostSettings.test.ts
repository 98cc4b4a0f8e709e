import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseWorkspace, rememberWorkspace } from '../../electron/host/settings';
import { tempDir } from '../support/tempWorkspace';

describe('which workspace the app opens', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const userData = path.join(dir, 'userData');

  it('opens the default workspace in the user data folder when there is no other', () => {
    expect(chooseWorkspace(['electron', '.'], userData)).toBe(path.join(userData, 'Sample workspace.duckdb'));
  });

  it('reopens the workspace used last, if it still exists', () => {
    const last = path.join(dir, 'Lichfield.duckdb');
    fs.writeFileSync(last, '');
    rememberWorkspace(userData, last);
    expect(chooseWorkspace([], userData)).toBe(last);
    fs.rmSync(last);
    expect(chooseWorkspace([], userData)).toBe(path.join(userData, 'Sample workspace.duckdb'));
  });

  it('prefers --workspace on the command line', () => {
    expect(chooseWorkspace(['electron', '.', '--workspace', 'other.duckdb'], userData)).toBe(path.resolve('other.duckdb'));
  });

  it('ignores an unreadable settings file', () => {
    fs.writeFileSync(path.join(userData, 'settings.json'), '{not json');
    expect(chooseWorkspace([], userData)).toBe(path.join(userData, 'Sample workspace.duckdb'));
  });
});
