#!/usr/bin/env node
// Builds everything the server serves: the compiled server (tsc → dist/server), the widget
// (Vite: the chat and the loader's parts → dist/public/widget/*-HASH.js, then the loader → dist/public/widget.js,
// one IIFE script) and the console (Vite → dist/public/console).
// `--if-needed` skips the build when nothing under the sources changed since the last one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

/** The chat and the parts, then the loader that names their files; old files pruned. Returns the file names. */
export async function buildWidget(outRoot = root) {
  const { chatConfig, partsConfig, loaderConfig, filesOf } = await import('./vite-configs.js');
  const outDir = join(outRoot, 'dist/public');
  const files = filesOf(await build(chatConfig(root, { outDir })), await build(partsConfig(root, { outDir })));
  await build(loaderConfig(root, files, { outDir }));
  const current = new Set([files.chat, ...Object.values(files.langs), files.bubble, files.watchers].map((f) => f.slice('/widget/'.length)));
  const dir = join(outDir, 'widget');
  for (const name of readdirSync(dir)) {
    const base = name.replace(/\.(gz|br)$/, '');
    if (!current.has(base) && Date.now() - statSync(join(dir, name)).mtimeMs > KEEP_OLD_CHAT_MS) rmSync(join(dir, name));
  }
  return files;
}

/**
 * Writes NAME.gz and NAME.br beside every script and stylesheet under `dir`: the server sends
 * them to browsers that accept them (@fastify/static `preCompressed`), compressed once at
 * build time instead of on every request.
 */
export function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (/\.(js|css|html)$/.test(entry.name)) {
      const body = readFileSync(path);
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}

export async function buildAll() {
  const started = Date.now();
  const { consoleConfig } = await import('./vite-configs.js');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  await buildWidget();
  await build(consoleConfig(root));
  precompress(join(root, 'dist/public'));
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  console.log(`deskbell: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Run as a script (not imported by dev.js). `--widget-to DIR` builds only the widget, into
// DIR/dist/public, and prints its file names as JSON (the size budget test uses it).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const widgetTo = process.argv.indexOf('--widget-to');
  if (widgetTo > 0) {
    console.log(JSON.stringify(await buildWidget(process.argv[widgetTo + 1])));
    process.exit(0);
  }
  const ifNeeded = process.argv.includes('--if-needed');
  if (!(ifNeeded && existsSync(stamp) && Math.max(...sources.map(newestMtime)) <= statSync(stamp).mtimeMs)) await buildAll();
}
