// `deskbell backup` and `deskbell restore` (docs/decisions/backup.md): a shop's whole
// history is one SQLite file and a folder of attachments beside it; these copy both safely
// while the server runs, and put a copy back while it does not.
//
// A plain `cp` of a live database can copy a file that was half-written, and leaves out what
// still sits in the write-ahead log; restoring beside an old `-wal` file replays someone
// else's pages onto the copy. So the backup is `VACUUM INTO` — one read transaction, a
// consistent snapshot, writers go on meanwhile — run in a worker thread so this thread can
// show progress; the copy is checked (`PRAGMA quick_check`) and fsynced under a temporary
// name, and only then gets its name: a backup file that exists is a whole one.
import { randomBytes } from 'node:crypto';
import { chmodSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { UsageError } from './usage-error.js';

export const BACKUP_HELP = `Usage: deskbell backup --out FILE [--db PATH] [--force]

  Copies the database to FILE while the server keeps running (a consistent snapshot:
  writes made during the copy are simply not in it), checks the copy, and copies the
  attachments it refers to into FILE.files/. Progress is shown for a large database.
  FILE is written under a temporary name and renamed when whole, so an interrupted
  backup never leaves a file that looks complete. An existing FILE is kept unless --force.
  Schedule it with cron, e.g. daily: deskbell backup --out /backups/deskbell-$(date +%F).sqlite
  Takes --db PATH (env DESKBELL_DB).`;

export const RESTORE_HELP = `Usage: deskbell restore FILE [--db PATH]

  Makes FILE (a backup made by deskbell backup) the database at PATH again. Stop the
  server first: restore refuses while the database is in use. The database it replaces is
  kept beside it as PATH.before-restore-TIME (nothing is deleted); attachments in
  FILE.files/ are copied into PATH.files/. Start the server afterwards.
  Takes --db PATH (env DESKBELL_DB).`;

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

interface Progress {
  (line: string): void;
}

/** How often a long copy reports, and after how long it starts to. */
const PROGRESS_EVERY_MS = 2000;

// The worker is plain CommonJS passed as text: it runs the same way from the compiled
// server and under tsx in tests, with no file of its own to resolve.
const VACUUM_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
try {
  const db = new Database(workerData.source, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.prepare('VACUUM INTO ?').run(workerData.target);
  db.close();
  parentPort.postMessage({ ok: true });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String(err && err.message || err), code: err && err.code });
}`;

export async function backupCommand(dbPath: string, flags: { out?: string; force?: boolean }, progress: Progress): Promise<BackupSummary & { out: string; ms: number }> {
  if (!flags.out) throw new UsageError(`--out is required.\n\n${BACKUP_HELP}`);
  const source = resolve(dbPath);
  const out = resolve(flags.out);
  if (!existsSync(source)) throw new UsageError(`there is no database at ${dbPath}. Give the one the server uses with --db PATH.`);
  if (out === source) throw new UsageError('--out must not be the database itself.');
  if (existsSync(out) && !flags.force) throw new UsageError(`${flags.out} already exists. Choose another name, or add --force to replace it.`);
  mkdirSync(dirname(out), { recursive: true });
  const started = performance.now();
  const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
  const filesPartial = `${partial}.files`;
  try {
    await vacuumInto(source, partial, progress);
    // Shoppers' messages, emails and photos: readable by the shop's own user only.
    chmodSync(partial, 0o600);
    const { summary, hashes } = checkCopy(partial, `the copy of ${dbPath}`);
    const copied = await copyAttachments(`${source}.files`, filesPartial, hashes, progress);
    await syncToDisk(partial);
    // The files first, the database last: a backup whose database exists has its files.
    rmSync(`${out}.files`, { recursive: true, force: true });
    renameSync(filesPartial, `${out}.files`);
    renameSync(partial, out);
    await syncToDisk(dirname(out), true);
    return { ...summary, ...copied, bytes: statSync(out).size, out, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(partial, { force: true });
    rmSync(filesPartial, { recursive: true, force: true });
  }
}

export async function restoreCommand(dbPath: string, file: string | undefined, progress: Progress): Promise<{ replaced: string | null; summary: BackupSummary }> {
  if (!file) throw new UsageError(`the backup FILE is required.\n\n${RESTORE_HELP}`);
  const backup = resolve(file);
  const target = resolve(dbPath);
  if (!existsSync(backup)) throw new UsageError(`there is no backup at ${file}.`);
  if (backup === target) throw new UsageError('the backup is the database itself: nothing to restore.');
  const checked = checkCopy(backup, file);
  if (existsSync(target)) settle(target, dbPath);
  const summary = { ...checked.summary, ...(await copyAttachments(`${backup}.files`, `${target}.files`, checked.hashes, progress)) };
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await copyFile(backup, partial, constants.COPYFILE_FICLONE);
    await syncToDisk(partial);
    let replaced: string | null = null;
    if (existsSync(target)) {
      replaced = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, replaced);
    }
    renameSync(partial, target);
    await syncToDisk(dirname(target), true);
    return { replaced, summary };
  } finally {
    rmSync(partial, { force: true });
  }
}

export function formatSummary(s: BackupSummary): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${mb(s.bytes)}, schema ${s.schema}: ${n(s.sites)} sites, ${n(s.conversations)} conversations, ${n(s.messages)} messages, ${n(s.files)} attachment files (${mb(s.fileBytes)})`;
}

function vacuumInto(source: string, target: string, progress: Progress): Promise<void> {
  const expected = liveBytes(source);
  const worker = new Worker(VACUUM_WORKER, { eval: true, workerData: { source, target, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') } });
  const started = Date.now();
  const timer = setInterval(() => {
    let done = 0;
    try {
      done = statSync(target).size;
    } catch {
      // not created yet
    }
    const pct = expected > 0 ? Math.min(99, Math.floor((done / expected) * 100)) : 0;
    progress(`copying the database: ${(done / 1024 / 1024).toFixed(0)} of about ${(expected / 1024 / 1024).toFixed(0)} MB (${pct}%), ${Math.round((Date.now() - started) / 1000)} s`);
  }, PROGRESS_EVERY_MS);
  return new Promise<void>((done, fail) => {
    worker.once('message', (m: { ok: boolean; message?: string; code?: string }) => {
      if (m.ok) done();
      else fail(new UsageError(m.code === 'SQLITE_BUSY'
        ? `the database stayed locked for 10 s (another import or backup?); try again. (${m.message})`
        : `could not copy the database: ${m.message}`));
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the copying thread stopped (exit ${code})`)));
  }).finally(() => {
    clearInterval(timer);
    void worker.terminate();
  });
}

/**
 * Makes the database at `path` one self-contained file, or refuses if anything has it open.
 * Leaving WAL mode needs every other connection closed (SQLite answers "database is locked"
 * otherwise: a running server always has one), and it folds the write-ahead log into the
 * file — so the database set aside by a restore keeps even the writes of a server that
 * crashed. The server turns WAL on again when it opens a database.
 */
function settle(path: string, shown: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    let mode: unknown;
    try {
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) mode = 'busy';
      else throw err;
    }
    if (mode !== 'delete') throw new UsageError(`the database at ${shown} is in use (a Deskbell server is running on it). Stop the server, then run restore again.`);
  } finally {
    db.close();
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

interface CheckedCopy {
  summary: BackupSummary;
  /** The attachment files (SHA-256 names) the copy refers to. */
  hashes: string[];
}

/** Opens a copy, checks its pages, counts what it holds and lists its attachment files; throws if it is not a whole Deskbell database. */
function checkCopy(path: string, shown = path): CheckedCopy {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new UsageError(`${shown} cannot be opened as a database: ${(err as Error).message}`);
  }
  try {
    let check: string;
    try {
      check = String(db.pragma('quick_check', { simple: true }));
    } catch (err) {
      throw new UsageError(`${shown} is not a readable database: ${(err as Error).message}`);
    }
    if (check !== 'ok') throw new UsageError(`${shown} is damaged (quick_check: ${check}); it is not a usable backup.`);
    const hasTable = (name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!hasTable('conversations') || !hasTable('messages')) throw new UsageError(`${shown} is a database, but not a Deskbell one.`);
    const count = (table: string): number => (hasTable(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0);
    const hashes = hasTable('attachments') ? (db.prepare('SELECT DISTINCT sha256 FROM attachments').all() as { sha256: string }[]).map((r) => r.sha256) : [];
    const summary = {
      bytes: statSync(path).size,
      schema: db.pragma('user_version', { simple: true }) as number,
      sites: count('sites'),
      conversations: count('conversations'),
      messages: count('messages'),
      files: 0, fileBytes: 0, missingFiles: 0,
    };
    return { summary, hashes };
  } finally {
    db.close();
  }
}

/**
 * Copies the attachment files named `hashes` from `from` into `to` (files are named by their
 * SHA-256 and never change, so one already there is skipped).
 */
async function copyAttachments(from: string, to: string, hashes: string[], progress: Progress): Promise<{ files: number; fileBytes: number; missingFiles: number }> {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  const present = new Set(readdirSync(to));
  let files = 0;
  let fileBytes = 0;
  let missingFiles = 0;
  let last = Date.now();
  for (const name of hashes) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue;
    const src = join(from, name);
    if (!existsSync(src)) {
      missingFiles++;
      continue;
    }
    if (!present.has(name)) {
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
 * Flushes a file, or a folder (a rename is durable once its folder is flushed), to disk.
 * `bestEffort`: not every platform lets a folder be opened, and that is no reason to fail.
 */
async function syncToDisk(path: string, bestEffort = false): Promise<void> {
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
