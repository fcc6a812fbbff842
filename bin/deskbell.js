#!/usr/bin/env node
// The `deskbell` command: runs the compiled server (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('deskbell: the server is not built yet. Run `npm run build` (or `npm start`) in the Deskbell folder first.');
  process.exit(1);
}
await import(entry);
