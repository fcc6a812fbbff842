// Removes uploads that were never sent (the shopper closed the tab before sending, the agent
// took the file out of the reply): after a grace period (24 h by default) an upload no
// message and no canned reply uses loses its row, then its file unless another row shares
// the bytes. Never a file a message shows: that row is never a candidate, and "unused" is
// checked again inside the delete's transaction.
//
// Order, for crashes: the row goes first, then the file. A crash in between leaves a file no
// row names, which the next sweep removes (files older than the grace period that no row
// names). The other order could leave a row whose file is gone, and a message sent with it
// would show a broken file.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../ids.js';
import type { Store } from '../store/types.js';
import type { AttachmentFiles } from './files.js';

export const DEFAULT_UPLOAD_GRACE_MS = 24 * 60 * 60_000;
export const DEFAULT_SWEEP_INTERVAL_MS = 60 * 60_000;
const SLICE = 200;
const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface UploadSweepOptions {
  /** How long an upload may wait to be sent. */
  graceMs?: number;
  /** How often the sweep runs (it also runs once at start). */
  intervalMs?: number;
}

export class UploadSweeper {
  private readonly graceMs: number;
  private readonly intervalMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<unknown> | null = null;

  constructor(private readonly deps: { store: Store; files: AttachmentFiles; clock: Clock; log: FastifyBaseLogger }, options: UploadSweepOptions = {}) {
    this.graceMs = options.graceMs ?? DEFAULT_UPLOAD_GRACE_MS;
    this.intervalMs = options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  }

  start(): void {
    const tick = (): void => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((err: unknown) => this.deps.log.error({ err }, 'sweep of unsent uploads failed; retried at the next one'))
        .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns the uploads and files removed. */
  async sweep(): Promise<{ uploads: number; files: number }> {
    const { store, files, clock, log } = this.deps;
    const before = clock.now() - this.graceMs;
    let uploads = 0;
    let removedFiles = 0;
    // In slices of the table, each one short query (and at most one transaction), with a
    // pause between them: the sockets are never held for the whole table.
    const last = await store.lastUploadRow();
    for (let from = 0; from < last; from += SLICE) {
      const ids = await store.unusedUploads(before, from, from + SLICE);
      if (ids.length > 0) {
        const gone = await store.deleteUnusedUploads(ids);
        uploads += gone.deleted;
        for (const file of gone.files) if (!file.fileInUse && files.removeUnused(file.sha256)) removedFiles++;
      }
      await pause();
    }
    // Files no row names: left by a crash between the two steps above. Only those are
    // stat'ed; a pause every slice keeps a big folder from holding the sockets up.
    let i = 0;
    for await (const sha256 of files.names()) {
      if (++i % SLICE === 0) await pause();
      if (await store.uploadFileKnown(sha256)) continue;
      const at = await files.writtenAt(sha256);
      if (at !== null && at < before && !(await store.uploadFileKnown(sha256)) && files.removeUnused(sha256)) removedFiles++;
    }
    if (uploads > 0 || removedFiles > 0) log.info({ uploads, files: removedFiles }, 'removed uploads never sent');
    return { uploads, files: removedFiles };
  }
}
