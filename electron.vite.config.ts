import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for everything Node runs from out/main: the Electron main process, and the CLI and loopback web server
// that share the same engine. Dependencies stay external (the DuckDB native module must load from node_modules).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          server: resolve(__dirname, 'electron/server/index.ts'),
          bench: resolve(__dirname, 'bench/bench.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require npm modules, so everything it uses is bundled in.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The app, and the headless chart renderer the CLI's board pack drives.
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), 'chart-render': resolve(__dirname, 'renderer/chart-render.html') } },
    },
  },
});
