#!/usr/bin/env node
// `npm run dev`: rebuild on change and restart the server with the demo store.
// tsc --watch (server), Vite in watch mode (widget, console), node --watch (the server).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { widgetConfig, consoleConfig } from './vite-configs.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const children = [];
const run = (args) => {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  children.push(child);
  return child;
};

// First a full build, so the server has everything it serves.
await import('./build.js');
run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
await build(widgetConfig(root, { watch: {} }));
await build(consoleConfig(root, { watch: {}, emptyOutDir: false }));
run(['--watch-path=dist/server', 'bin/deskbell.js', 'start', '--demo', ...process.argv.slice(2)]);

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
