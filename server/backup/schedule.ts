// Scheduled backups run by the server itself (`deskbell start --backup-dir DIR`), for shops
// with no cron: a Windows box, a PaaS, a container (docs/decisions/backup.md). Each run is
// the same copy as `deskbell backup` (./snapshot.ts), named by its UTC time (./names.ts).
//
// The schedule lives in the folder, not in memory: the next run is the newest backup's time
// plus the interval, so a restart neither skips a backup nor makes an extra one. One run at a
// time; the timer never keeps the process alive; shutdown stops the copying thread, and the
// temporary-name-then-rename design means no half backup ever carries a backup's name.
// A failed run (disk full, folder unwritable) is logged with what to do, retried sooner, and
// deletes nothing: retention runs only after a backup was written whole.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../ids.js';
import type { BackupStatus } from '../protocol.js';
import { backupName, listScheduled, retention } from './names.js';
import { writeBackup } from './snapshot.js';

export const DEFAULT_BACKUP_EVERY_MS = 24 * 3_600_000;
export const DEFAULT_BACKUP_KEEP = 7;
/** A failed run is retried after the interval, or after an hour if that is sooner. */
const RETRY_MAX_MS = 3_600_000;
/** setTimeout's longest delay (about 24.8 days); a longer wait is re-armed when it ends. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface BackupScheduleOptions {
  /** The folder backups are written to (created, 0700, if missing). */
  dir: string;
  everyMs: number;
  /** How many scheduled backups to keep (the newest). */
  keep: number;
}

type LastRun = NonNullable<BackupStatus['last']>;

export class BackupScheduler {
  readonly dir: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private nextAt: number | null = null;
  private last: LastRun | null = null;
  private stopped = false;

  constructor(
    private readonly deps: { dbPath: string; clock: Clock; log: FastifyBaseLogger },
    private readonly options: Readonly<BackupScheduleOptions>,
  ) {
    this.dir = resolve(options.dir);
  }

  start(): void {
    const now = this.deps.clock.now();
    const newest = listScheduled(this.dir).at(-1);
    if (newest) this.last = { at: newest.at, file: newest.file, bytes: newest.bytes, ok: true };
    // A newest backup "from the future" (the clock was wrong then) must not hold backups off.
    this.schedule(newest ? Math.min(newest.at, now) + this.options.everyMs : now);
    this.deps.log.info({ dir: this.dir, everyMs: this.options.everyMs, keep: this.options.keep, next: new Date(this.nextAt ?? now).toISOString() }, 'scheduled backups on');
  }

  /** Stops the timer and any run in progress (its copying thread ends, its temporary files go). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort?.abort(new Error('the server is shutting down'));
    await this.running;
  }

  status(): BackupStatus {
    const { everyMs, keep } = this.options;
    const backups = listScheduled(this.dir).reverse().map(({ file, at, bytes }) => ({ file, at, bytes }));
    return { enabled: true, dir: this.dir, everyMs, keep, last: this.last, next: this.nextAt, backups };
  }

  private schedule(at: number): void {
    clearTimeout(this.timer);
    this.nextAt = at;
    if (this.stopped) return;
    const delay = Math.min(Math.max(0, at - this.deps.clock.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.due(), delay);
    this.timer.unref();
  }

  private due(): void {
    if (this.running || this.stopped || this.nextAt === null) return;
    if (this.deps.clock.now() < this.nextAt) return this.schedule(this.nextAt);
    this.running = this.run().finally(() => (this.running = null));
  }

  private async run(): Promise<void> {
    const { clock, log, dbPath } = this.deps;
    const started = clock.now();
    const file = backupName(started);
    const abort = new AbortController();
    this.abort = abort;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      // Only when the clock went back to a second already used; never replace a backup.
      if (existsSync(join(this.dir, file))) throw Object.assign(new Error(`${file} already exists`), { code: 'EEXIST_BACKUP' });
      const earlier = listScheduled(this.dir).at(-1);
      const done = await writeBackup(resolve(dbPath), join(this.dir, file), {
        progress: () => undefined,
        shown: dbPath,
        linkFrom: earlier ? join(this.dir, `${earlier.file}.files`) : null,
        signal: abort.signal,
      });
      this.last = { at: started, file, bytes: done.bytes, ok: true };
      log.info({ file, dir: this.dir, ms: done.ms, bytes: done.bytes, files: done.files }, 'scheduled backup written');
      if (done.missingFiles > 0) log.warn({ file, missingFiles: done.missingFiles }, `attachment files the database refers to were already missing from ${dbPath}.files/; the backup has the rest`);
      this.prune(started);
      this.schedule(started + this.options.everyMs);
    } catch (err) {
      if (abort.signal.aborted) return; // shutdown: not a failure, and nothing to retry
      const error = whatToDo(err, this.dir);
      this.last = { at: started, file, bytes: 0, ok: false, error };
      const retryAt = clock.now() + Math.min(this.options.everyMs, RETRY_MAX_MS);
      log.error({ err, dir: this.dir, retryAt: new Date(retryAt).toISOString() }, `scheduled backup failed: ${error}`);
      this.schedule(retryAt);
    } finally {
      this.abort = null;
    }
  }

  /** Deletes the backups beyond `keep` and leftovers (./names.ts `retention`); a failure here only warns. */
  private prune(before: number): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      this.deps.log.warn({ err, dir: this.dir }, 'could not list the backup folder to remove old backups; retried after the next backup');
      return;
    }
    for (const name of retention(names, this.options.keep, before)) {
      try {
        rmSync(join(this.dir, name), { recursive: true, force: true });
      } catch (err) {
        this.deps.log.warn({ err, file: name }, 'could not remove an old backup; retried after the next backup');
      }
    }
  }
}

/** The reason a run failed, in words that say what to do about it. */
export function whatToDo(err: unknown, dir: string): string {
  const { code, message } = err as { code?: string; message?: string };
  const text = String(message ?? err);
  if (code === 'ENOTDIR' || code === 'EEXIST') return `${dir} is not a folder (${text}). Give --backup-dir a folder, or a path where one can be created.`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `the server may not write in ${dir} (${text}). Let the user running Deskbell write there, or choose another --backup-dir.`;
  if (code === 'ENOSPC' || code === 'EDQUOT' || /disk is full/i.test(text)) return `the disk holding ${dir} is full (${text}). Free space there, or choose a --backup-dir on a disk with room; older backups were kept.`;
  if (code === 'EEXIST_BACKUP') return `${text} in ${dir} (the clock went back?); it was kept. The next run takes a new name.`;
  return `${text}. Check that ${dir} is a folder the server can write to, with free space.`;
}
