#!/usr/bin/env node
// `npm run web`: serves the built renderer with the real engine on loopback (see electron/server/).
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'out', 'main', 'server.js');
if (!fs.existsSync(built) || !fs.existsSync(path.join(__dirname, '..', 'out', 'renderer', 'index.html'))) {
  console.error('web: not built yet; run "npm run build" first.');
  process.exit(1);
}
require(built);
