#!/usr/bin/env node
// Builds everything the server serves: the compiled server (tsc → dist/server), the widget
// (Vite → dist/public/widget.js, one IIFE script) and the console (Vite → dist/public/console).
// `--if-needed` skips the build when nothing under the sources changed since the last one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['server', 'widget', 'scripts/build.js', 'scripts/vite-configs.js', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(full)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export async function buildAll() {
  const started = Date.now();
  const { widgetConfig, consoleConfig } = await import('./vite-configs.js');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  await build(widgetConfig(root));
  await build(consoleConfig(root));
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  console.log(`deskbell: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const ifNeeded = process.argv.includes('--if-needed');
if (ifNeeded && existsSync(stamp) && Math.max(...sources.map(newestMtime)) <= statSync(stamp).mtimeMs) {
  process.exit(0);
}
await buildAll();
