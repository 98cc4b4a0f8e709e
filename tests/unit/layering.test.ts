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

  it('allows the intended directions', async () => {
    expect(await restricted('renderer/src/x.ts', "import { contract } from '../../shared/api';\nexport const x = contract;\n")).toBe(0);
    expect(await restricted('electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toBe(0);
    expect(await restricted('electron/engine/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toBe(0);
  });
});
