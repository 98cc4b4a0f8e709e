#!/usr/bin/env node
// Entry for `npx csp-workbench`: the CLI is built with the app (npm run build) into out/main/cli.js.
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(built)) {
  console.error('csp-workbench: not built yet; run "npm run build" first.');
  process.exit(1);
}
require(built);
