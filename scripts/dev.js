#!/usr/bin/env node
// `npm run dev`: rebuild on change and restart the server with the demo store.
// tsc --watch (server), the widget rebuilt on change (chat, then the loader that names its
// files), Vite in watch mode (console), node --watch (the server).
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { consoleConfig } from './vite-configs.js';
import { buildAll, buildWidget, precompress } from './build.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const children = [];
const run = (args) => {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  children.push(child);
  return child;
};

// First a full build, so the server has everything it serves.
await buildAll();
run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
let pending = null;
watch(join(root, 'widget'), { recursive: true }, () => {
  clearTimeout(pending);
  pending = setTimeout(() => buildWidget().then(() => precompress(join(root, 'dist/public'))).catch((err) => console.error(err)), 200);
});
await build(consoleConfig(root, { watch: {}, emptyOutDir: false }));
run(['--watch-path=dist/server', 'bin/deskbell.js', 'start', '--demo', ...process.argv.slice(2)]);

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
