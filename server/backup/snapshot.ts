// Writes one backup — a checked copy of the live database and the attachment files it refers
// to — for `deskbell backup` and for the server's scheduled backups alike
// (docs/decisions/backup.md), and the pieces `deskbell restore` shares with it.
//
// A plain `cp` of a live database can copy a file that was half-written, and leaves out what
// still sits in the write-ahead log; restoring beside an old `-wal` file replays someone
// else's pages onto the copy. So the backup is `VACUUM INTO` — one read transaction, a
// consistent snapshot, writers go on meanwhile — run in a worker thread so this thread can
// show progress (and, in the server, keep serving); the copy is checked in that thread too (`PRAGMA
// quick_check`) and fsynced under a temporary name, and only then gets its name: a backup
// file that exists is a whole one.
import { randomBytes } from 'node:crypto';
import { chmodSync, constants, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { UsageError } from '../cli/usage-error.js';

export interface BackupSummary {
  bytes: number;
  schema: number;
  sites: number;
  conversations: number;
  messages: number;
  files: number;
  fileBytes: number;
  missingFiles: number;
}

export interface Progress {
  (line: string): void;
}

export interface WriteBackupOptions {
  progress: Progress;
  /** The database as the owner named it, for messages (not the resolved path). */
  shown: string;
  /**
   * An earlier backup's attachments folder: a file already there is hard-linked rather than
   * copied (attachments never change, so the bytes are the same), so a week of backups does
   * not hold a week of copies of the same photos.
   */
  linkFrom?: string | null;
  /** Aborting stops the copying thread and removes what was written so far. */
  signal?: AbortSignal;
}

/** How often a long copy reports, and after how long it starts to. */
const PROGRESS_EVERY_MS = 2000;

// The worker is plain CommonJS passed as text: it runs the same way from the compiled
// server and under tsx in tests, with no file of its own to resolve. It makes the copy
// (when given a source) and checks it: both read every page of a database that may be
// hundreds of megabytes, which must not stall a server's event loop for seconds.
const COPY_AND_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.sqlite);
function fail(reason, err) {
  parentPort.postMessage({ ok: false, reason, message: String((err && err.message) || err) });
}
function run() {
  if (workerData.source) {
    try {
      const db = new Database(workerData.source, { fileMustExist: true });
      db.pragma('busy_timeout = 10000');
      db.prepare('VACUUM INTO ?').run(workerData.target);
      db.close();
    } catch (err) {
      return fail(err && err.code === 'SQLITE_BUSY' ? 'busy' : 'copy', err);
    }
  }
  let db;
  try {
    db = new Database(workerData.target, { readonly: true, fileMustExist: true });
  } catch (err) {
    return fail('open', err);
  }
  try {
    let check;
    try {
      check = String(db.pragma('quick_check', { simple: true }));
    } catch (err) {
      return fail('unreadable', err);
    }
    if (check !== 'ok') return fail('damaged', check);
    const hasTable = (name) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!hasTable('conversations') || !hasTable('messages')) return fail('foreign', 'no conversations and messages tables');
    const count = (table) => (hasTable(table) ? db.prepare('SELECT count(*) AS n FROM ' + table).get().n : 0);
    const hashes = hasTable('attachments') ? db.prepare('SELECT DISTINCT sha256 FROM attachments').all().map((r) => r.sha256) : [];
    const summary = {
      bytes: statSync(workerData.target).size,
      schema: db.pragma('user_version', { simple: true }),
      sites: count('sites'),
      conversations: count('conversations'),
      messages: count('messages'),
      files: 0, fileBytes: 0, missingFiles: 0,
    };
    parentPort.postMessage({ ok: true, summary, hashes });
  } finally {
    db.close();
  }
}
run();`;

/**
 * Copies the database at `source` (an absolute path) and its attachments to `out`, which
 * must not exist yet or is replaced (the caller decides). Whole or absent: nothing is at
 * `out` until the copy is checked and on disk.
 */
export async function writeBackup(source: string, out: string, options: WriteBackupOptions): Promise<BackupSummary & { ms: number }> {
  const { progress, signal } = options;
  mkdirSync(dirname(out), { recursive: true });
  const started = performance.now();
  const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
  const filesPartial = `${partial}.files`;
  try {
    const { summary, hashes } = await copyAndCheck(source, partial, `the copy of ${options.shown}`, progress, signal);
    // Shoppers' messages, emails and photos: readable by the shop's own user only.
    chmodSync(partial, 0o600);
    const copied = await copyAttachments(`${source}.files`, filesPartial, hashes, progress, { linkFrom: options.linkFrom ?? null, signal });
    await syncToDisk(partial);
    signal?.throwIfAborted();
    // The files first, the database last: a backup whose database exists has its files.
    rmSync(`${out}.files`, { recursive: true, force: true });
    renameSync(filesPartial, `${out}.files`);
    renameSync(partial, out);
    await syncToDisk(dirname(out), true);
    return { ...summary, ...copied, bytes: statSync(out).size, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(partial, { force: true });
    rmSync(filesPartial, { recursive: true, force: true });
  }
}

interface WorkerAnswer {
  ok: boolean;
  summary?: BackupSummary;
  hashes?: string[];
  reason?: 'busy' | 'copy' | 'open' | 'unreadable' | 'damaged' | 'foreign';
  message?: string;
}

/**
 * In a worker thread: copies `source` into `target` with VACUUM INTO (when `source` is given,
 * showing progress), then checks `target` (see `checkCopy`).
 */
function copyAndCheck(source: string | null, target: string, shown: string, progress: Progress, signal?: AbortSignal): Promise<CheckedCopy> {
  signal?.throwIfAborted();
  const expected = source ? liveBytes(source) : 0;
  const worker = new Worker(COPY_AND_CHECK_WORKER, { eval: true, workerData: { source, target, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') } });
  const started = Date.now();
  const timer = source ? setInterval(() => {
    let done = 0;
    try {
      done = statSync(target).size;
    } catch {
      // not created yet
    }
    const pct = expected > 0 ? Math.min(99, Math.floor((done / expected) * 100)) : 0;
    progress(`copying the database: ${(done / 1024 / 1024).toFixed(0)} of about ${(expected / 1024 / 1024).toFixed(0)} MB (${pct}%), ${Math.round((Date.now() - started) / 1000)} s`);
  }, PROGRESS_EVERY_MS) : undefined;
  let onAbort = (): void => undefined;
  return new Promise<CheckedCopy>((done, fail) => {
    worker.once('message', (m: WorkerAnswer) => {
      if (m.ok && m.summary && m.hashes) done({ summary: m.summary, hashes: m.hashes });
      else fail(new UsageError(failure(m, shown)));
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the copying thread stopped (exit ${code})`)));
    onAbort = () => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  }).finally(async () => {
    clearInterval(timer);
    signal?.removeEventListener('abort', onAbort);
    // Awaited: the caller removes the partial file next, and a thread still writing it
    // could create it again afterwards.
    await worker.terminate();
  });
}

function failure(m: WorkerAnswer, shown: string): string {
  switch (m.reason) {
    case 'busy': return `the database stayed locked for 10 s (another import or backup?); try again. (${m.message})`;
    case 'copy': return `could not copy the database: ${m.message}`;
    case 'open': return `${shown} cannot be opened as a database: ${m.message}`;
    case 'unreadable': return `${shown} is not a readable database: ${m.message}`;
    case 'damaged': return `${shown} is damaged (quick_check: ${m.message}); it is not a usable backup.`;
    case 'foreign': return `${shown} is a database, but not a Deskbell one.`;
    default: return `could not check ${shown}: ${m.message}`;
  }
}

/** The bytes the database's live pages take: what VACUUM INTO will write, near enough. */
function liveBytes(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pages = (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
    return pages * (db.pragma('page_size', { simple: true }) as number);
  } finally {
    db.close();
  }
}

export interface CheckedCopy {
  summary: BackupSummary;
  /** The attachment files (SHA-256 names) the copy refers to. */
  hashes: string[];
}

/**
 * Opens a copy, checks its pages (`PRAGMA quick_check`), counts what it holds and lists its
 * attachment files, in a worker thread; rejects if it is not a whole Deskbell database.
 */
export function checkCopy(path: string, shown = path): Promise<CheckedCopy> {
  return copyAndCheck(null, path, shown, () => undefined);
}

/**
 * Copies the attachment files named `hashes` from `from` into `to` (files are named by their
 * SHA-256 and never change, so one already there is skipped), hard-linking those that
 * `linkFrom` already holds.
 */
export async function copyAttachments(
  from: string, to: string, hashes: string[], progress: Progress,
  options: { linkFrom?: string | null; signal?: AbortSignal } = {},
): Promise<{ files: number; fileBytes: number; missingFiles: number }> {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  const present = new Set(readdirSync(to));
  let files = 0;
  let fileBytes = 0;
  let missingFiles = 0;
  let last = Date.now();
  for (const name of hashes) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue;
    options.signal?.throwIfAborted();
    const src = join(from, name);
    if (!existsSync(src)) {
      missingFiles++;
      continue;
    }
    if (!present.has(name) && !(options.linkFrom && linked(join(options.linkFrom, name), join(to, name)))) {
      await copyFile(src, join(to, name), constants.COPYFILE_FICLONE);
      await syncToDisk(join(to, name));
    }
    files++;
    fileBytes += statSync(src).size;
    if (Date.now() - last > PROGRESS_EVERY_MS) {
      last = Date.now();
      progress(`copying attachments: ${files} of ${hashes.length}`);
    }
  }
  await syncToDisk(to, true);
  return { files, fileBytes, missingFiles };
}

/**
 * A hard link from an earlier backup's copy; false when there is none or linking is not
 * possible (another filesystem, a filesystem without links), and the caller copies instead.
 */
function linked(earlier: string, target: string): boolean {
  try {
    linkSync(earlier, target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Flushes a file, or a folder (a rename is durable once its folder is flushed), to disk.
 * `bestEffort`: not every platform lets a folder be opened, and that is no reason to fail.
 */
export async function syncToDisk(path: string, bestEffort = false): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (!bestEffort) throw err;
  }
}
