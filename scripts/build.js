#!/usr/bin/env node
// Builds everything the server serves: the compiled server (tsc → dist/server), the widget
// (Vite: the chat → dist/public/widget/*-HASH.js, then the loader → dist/public/widget.js,
// one IIFE script) and the console (Vite → dist/public/console).
// `--if-needed` skips the build when nothing under the sources changed since the last one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
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

// An old chat file stays this long after a newer build: a loader cached before the update
// (5 minutes) may still import it.
const KEEP_OLD_CHAT_MS = 7 * 24 * 3600_000;

/** The chat, then the loader that names the chat's files; old chat files pruned. Returns the file names. */
export async function buildWidget(outRoot = root) {
  const { chatConfig, loaderConfig, chatFilesOf } = await import('./vite-configs.js');
  const outDir = join(outRoot, 'dist/public');
  const files = chatFilesOf(await build(chatConfig(root, { outDir })));
  await build(loaderConfig(root, files, { outDir }));
  const current = new Set([files.chat, ...Object.values(files.langs)].map((f) => f.slice('/widget/'.length)));
  const dir = join(outDir, 'widget');
  for (const name of readdirSync(dir)) {
    if (!current.has(name) && Date.now() - statSync(join(dir, name)).mtimeMs > KEEP_OLD_CHAT_MS) rmSync(join(dir, name));
  }
  return files;
}

export async function buildAll() {
  const started = Date.now();
  const { consoleConfig } = await import('./vite-configs.js');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  await buildWidget();
  await build(consoleConfig(root));
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  console.log(`deskbell: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Run as a script (not imported by dev.js or a test).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifNeeded = process.argv.includes('--if-needed');
  if (!(ifNeeded && existsSync(stamp) && Math.max(...sources.map(newestMtime)) <= statSync(stamp).mtimeMs)) await buildAll();
}
