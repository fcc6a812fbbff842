// `deskbell backup` and `deskbell restore` (docs/decisions/backup.md): a shop's whole
// history is one SQLite file and a folder of attachments beside it; these copy both safely
// while the server runs, and put a copy back while it does not. The copy itself is
// server/backup/snapshot.ts, which the server's scheduled backups use too.
import { randomBytes } from 'node:crypto';
import { constants, existsSync, renameSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkCopy, copyAttachments, syncToDisk, writeBackup, type BackupSummary, type Progress } from '../backup/snapshot.js';
import { UsageError } from './usage-error.js';

export type { BackupSummary };

export const BACKUP_HELP = `Usage: deskbell backup --out FILE [--db PATH] [--force]

  Copies the database to FILE while the server keeps running (a consistent snapshot:
  writes made during the copy are simply not in it), checks the copy, and copies the
  attachments it refers to into FILE.files/. Progress is shown for a large database.
  FILE is written under a temporary name and renamed when whole, so an interrupted
  backup never leaves a file that looks complete. An existing FILE is kept unless --force.
  Schedule it with cron, e.g. daily: deskbell backup --out /backups/deskbell-$(date +%F).sqlite
  Without cron, the server can do it: deskbell start --backup-dir /backups (see start --help).
  Takes --db PATH (env DESKBELL_DB).`;

export const RESTORE_HELP = `Usage: deskbell restore FILE [--db PATH]

  Makes FILE (a backup made by deskbell backup) the database at PATH again. Stop the
  server first: restore refuses while the database is in use. The database it replaces is
  kept beside it as PATH.before-restore-TIME (nothing is deleted); attachments in
  FILE.files/ are copied into PATH.files/. Start the server afterwards.
  Takes --db PATH (env DESKBELL_DB).`;

export async function backupCommand(dbPath: string, flags: { out?: string; force?: boolean }, progress: Progress): Promise<BackupSummary & { out: string; ms: number }> {
  if (!flags.out) throw new UsageError(`--out is required.\n\n${BACKUP_HELP}`);
  const source = resolve(dbPath);
  const out = resolve(flags.out);
  if (!existsSync(source)) throw new UsageError(`there is no database at ${dbPath}. Give the one the server uses with --db PATH.`);
  if (out === source) throw new UsageError('--out must not be the database itself.');
  if (existsSync(out) && !flags.force) throw new UsageError(`${flags.out} already exists. Choose another name, or add --force to replace it.`);
  const done = await writeBackup(source, out, { progress, shown: dbPath });
  return { ...done, out };
}

export async function restoreCommand(dbPath: string, file: string | undefined, progress: Progress): Promise<{ replaced: string | null; summary: BackupSummary }> {
  if (!file) throw new UsageError(`the backup FILE is required.\n\n${RESTORE_HELP}`);
  const backup = resolve(file);
  const target = resolve(dbPath);
  if (!existsSync(backup)) throw new UsageError(`there is no backup at ${file}.`);
  if (backup === target) throw new UsageError('the backup is the database itself: nothing to restore.');
  const checked = await checkCopy(backup, file);
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
