import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rules are only worth having if they fire: each forbidden import below must be reported. */
describe('layering lint rules', () => {
  const eslint = new ESLint();
  const restricted = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
  };

  it.each([
    ['renderer/src/x.ts', "import { createEngine } from '../../electron/engine';\nexport const x = createEngine;\n"],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['shared/x.ts', "import path from 'path';\nexport const x = path;\n"],
    ['shared/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['shared/x.ts', "import { App } from '../renderer/src/app/App';\nexport const x = App;\n"],
    ['electron/engine/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/cli/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/server/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await restricted(filePath, code)).toBeGreaterThan(0);
  });

  // Layering by allow-list (eslint-rules/layering.mjs): each of these passed the old deny-lists.
  const disallowed = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message);
  };
  it.each([
    ['electron/engine/x.ts', "import { createWorkspaceHost } from '../host/workspaceHost';\nexport const x = createWorkspaceHost;\n", /electron\/engine\/ may not import from electron\/host\//],
    ['electron/engine/x.ts', "import { runCommand } from '../cli/commands';\nexport const x = runCommand;\n", /may not import from electron\/cli\//],
    ['electron/engine/x.ts', "import { x as y } from '../main/index';\nexport const x = y;\n", /may not import from electron\/main\//],
    ['renderer/src/x.ts', "import { tempDir } from '../../tests/support/tempWorkspace';\nexport const x = tempDir;\n", /renderer\/ may not import from tests/],
    ['shared/x.ts', "import { writeSample } from '../sample-data/generator/writeSample';\nexport const x = writeSample;\n", /shared\/ may not import from sample-data\//],
    ['sample-data/x.ts', "import { createEngine } from '../electron/engine';\nexport const x = createEngine;\n", /sample-data\/ may not import from electron\/engine\//],
    ['electron/preload/x.ts', "import { createEngine } from '../engine';\nexport const x = createEngine;\n", /electron\/preload\/ may not import from electron\/engine\//],
    ['electron/main/x.ts', "import { startWebServer } from '../server/webServer';\nexport const x = startWebServer;\n", /electron\/main\/ may not import from electron\/server\//],
    ['electron/cli/x.ts', "import { audited } from '../engine/audit';\nexport const x = audited;\n", /from its surface, electron\/engine \(index\.ts\)/],
    ['electron/host/x.ts', "import type { Workspace } from '../engine/workspace';\nexport type X = Workspace;\n", /from its surface/],
    ['electron/server/x.ts', "export { gridPage } from '../engine/gridPage';\n", /from its surface/],
    ['electron/main/x.ts', "import { EngineError } from '../engine/errors';\nexport const x = EngineError;\n", /from its surface/],
    ['bench/x.ts', "import { runAnalysis } from '../electron/engine/analyses/runAnalysis';\nexport const x = runAnalysis;\n", /from its surface/],
  ])('%s may not: %s', async (filePath, code, message) => {
    expect(await disallowed(filePath, code)).toEqual([expect.stringMatching(message)]);
  });

  it('allows what each folder lists, and the engine through its surface', async () => {
    expect(await disallowed('electron/cli/x.ts', "import { createEngine } from '../engine';\nexport const x = createEngine;\n")).toEqual([]);
    expect(await disallowed('electron/main/x.ts', "import { resolveInside } from '../host/staticFiles';\nexport const x = resolveInside;\n")).toEqual([]);
    expect(await disallowed('electron/engine/x.ts', "import { writeSample } from '../../sample-data/generator/writeSample';\nexport const x = writeSample;\n")).toEqual([]);
    expect(await disallowed('electron/engine/import/x.ts', "import { quoteIdent } from '../sqlText';\nexport const x = quoteIdent;\n")).toEqual([]);
    expect(await disallowed('renderer/src/x.ts', "import { contract } from '../../shared/api';\nexport const x = contract;\n")).toEqual([]);
  });

  it('allows the intended directions', async () => {
    expect(await restricted('renderer/src/x.ts', "import { contract } from '../../shared/api';\nexport const x = contract;\n")).toBe(0);
    expect(await restricted('electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toBe(0);
    expect(await restricted('electron/engine/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toBe(0);
  });
});
