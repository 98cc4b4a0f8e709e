import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/*
 * Layering by allow-list, after VS Code's code-layering rule: each folder names the folders it may import from, so a
 * new dependency direction is a decision written here, not something that slips through a deny-list. Only relative
 * imports are checked (packages are covered by no-restricted-imports). Outside the engine, the engine is reached
 * through its published surface, electron/engine/index.ts, never its internals.
 */
export const layers = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  'sample-data': ['sample-data', 'shared'],
  // The engine reads its own version from package.json (appInfo.ts).
  'electron/engine': ['electron/engine', 'shared', 'sample-data', 'package.json'],
  'electron/host': ['electron/host', 'electron/engine', 'shared'],
  'electron/server': ['electron/server', 'electron/host', 'electron/engine', 'shared'],
  'electron/cli': ['electron/cli', 'electron/host', 'electron/engine', 'shared'],
  'electron/main': ['electron/main', 'electron/host', 'electron/engine', 'shared'],
  'electron/preload': ['electron/preload', 'shared'],
  bench: ['bench', 'electron/server', 'electron/engine', 'shared', 'sample-data'],
  // A target only: nothing under it is linted as a source.
  'package.json': [],
};

const ENGINE = 'electron/engine';
const engineSurface = new Set([path.join(root, ENGINE), path.join(root, ENGINE, 'index'), path.join(root, ENGINE, 'index.ts')]);

/** The layer a repository path belongs to: the longest listed folder that contains it. */
function layerOf(file) {
  const relative = path.relative(root, file).split(path.sep).join('/');
  let best;
  for (const layer of Object.keys(layers)) {
    if ((relative === layer || relative.startsWith(`${layer}/`)) && (!best || layer.length > best.length)) best = layer;
  }
  return best;
}

export default {
  rules: {
    'allowed-imports': {
      meta: {
        type: 'problem',
        docs: { description: 'Each folder imports only from the folders it lists; the engine only through electron/engine/index.ts.' },
        schema: [],
      },
      create(context) {
        const from = layerOf(context.filename);
        if (!from) return {};
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = path.resolve(path.dirname(context.filename), source);
          const to = layerOf(target);
          if (!to || !layers[from].includes(to)) {
            context.report({ node: node.source, message: `${from}/ may not import from ${to ?? path.relative(root, target)}/ (it may import from ${layers[from].join(', ')}).` });
          } else if (to === ENGINE && from !== ENGINE && !engineSurface.has(target)) {
            context.report({ node: node.source, message: `Import the engine from its surface, electron/engine (index.ts), not from its internals (${source}).` });
          }
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};
