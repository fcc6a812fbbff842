// The bytes of attachments, in a folder beside the database (`<db>.files/`), each file named
// by its SHA-256: the same photo sent twice is stored once, and a name can never point
// outside the folder. A file is streamed to a temporary name, flushed to disk, then renamed
// into place, so a crash leaves either nothing or a whole file (never half of one); leftover
// temporaries are removed at start.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, type ReadStream } from 'node:fs';
import { mkdtemp, open, opendir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { deskbellError, deskbellErrorWith, type DeskbellError } from '../errors.js';
import type { AttachmentType } from '../protocol.js';
import { SNIFF_BYTES, sniff } from './sniff.js';

export interface StoredFile {
  sha256: string;
  size: number;
  type: AttachmentType;
}

const TMP_PREFIX = '.tmp-';
const SHA = /^[0-9a-f]{64}$/;

export class AttachmentFiles {
  /** Files written whose row is not stored yet: the sweeper leaves them alone (see release). */
  private readonly writing = new Map<string, number>();

  private constructor(readonly dir: string) {}

  /** The folder for a database file; a throwaway one for an in-memory database. */
  static async open(dbPath: string): Promise<AttachmentFiles> {
    const dir = dbPath === ':memory:' ? await mkdtemp(join(tmpdir(), 'deskbell-files-')) : `${dbPath}.files`;
    mkdirSync(dir, { recursive: true });
    // What a crash mid-upload left behind: never referenced, so never needed.
    for (const name of readdirSync(dir)) if (name.startsWith(TMP_PREFIX)) rmSync(join(dir, name), { force: true });
    return new AttachmentFiles(dir);
  }

  /**
   * Streams `input` to disk, refusing it as soon as it passes `maxBytes` (the rest is never
   * read) or when its first bytes are not an accepted type. Nothing is left on refusal.
   */
  async write(input: Readable, maxBytes: number): Promise<StoredFile> {
    const tmp = join(this.dir, `${TMP_PREFIX}${randomBytes(12).toString('hex')}`);
    const file = await open(tmp, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let type: AttachmentType | null = null;
    try {
      // Read by hand rather than `for await`: breaking out of that destroys the request,
      // and the shopper would see a dropped connection instead of our "too large" answer.
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        const fail = (err: unknown): void => {
          failed = true;
          input.off('data', onData);
          input.pause();
          reject(err);
        };
        const onData = (chunk: Buffer): void => {
          size += chunk.length;
          if (size > maxBytes) return fail(tooLarge(maxBytes));
          if (type === null) {
            head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
            if (head.length >= SNIFF_BYTES && (type = sniff(head)) === null) return fail(deskbellError('DESKBELL_ATTACHMENT_TYPE'));
          }
          hash.update(chunk);
          input.pause();
          // writeFile: the whole chunk at the current position (write() may write part of it).
          file.writeFile(chunk).then(() => failed || input.resume(), fail);
        };
        input.on('data', onData);
        input.once('end', resolve);
        input.once('error', fail);
        input.once('aborted', () => fail(deskbellError('DESKBELL_VALIDATION', 'the upload was cut off')));
      });
      type ??= sniff(head);
      if (type === null) throw deskbellError('DESKBELL_ATTACHMENT_TYPE');
      await file.sync();
      await file.close();
      const sha256 = hash.digest('hex');
      // Held from before the rename until the caller stored its row (release): the same
      // bytes may be on disk already, with their last row being swept right now.
      this.writing.set(sha256, (this.writing.get(sha256) ?? 0) + 1);
      try {
        await rename(tmp, join(this.dir, sha256));
        await this.syncDir();
      } catch (err) {
        this.release(sha256);
        throw err;
      }
      return { sha256, size, type };
    } catch (err) {
      await file.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** The row of a file from write() is stored (or failed to be): the sweeper may judge it again. */
  release(sha256: string): void {
    const n = (this.writing.get(sha256) ?? 1) - 1;
    if (n <= 0) this.writing.delete(sha256);
    else this.writing.set(sha256, n);
  }

  /**
   * Removes a file no row names any more, unless a write of the same bytes is under way.
   * Synchronous on purpose: the check and the unlink happen with no write's rename in
   * between (a write marks itself before it starts its rename).
   */
  removeUnused(sha256: string): boolean {
    if (!SHA.test(sha256) || this.writing.has(sha256)) return false;
    rmSync(join(this.dir, sha256), { force: true });
    return true;
  }

  /** The names of the stored files (temporaries left out), read a few at a time. */
  async *names(): AsyncGenerator<string> {
    for await (const entry of await opendir(this.dir)) if (SHA.test(entry.name)) yield entry.name;
  }

  /** When the file was last written (epoch ms); null when it is not there. */
  async writtenAt(sha256: string): Promise<number | null> {
    if (!SHA.test(sha256)) return null;
    try {
      return (await stat(join(this.dir, sha256))).mtimeMs;
    } catch {
      return null;
    }
  }

  /** The file's bytes, or null when it is not on disk. */
  async read(sha256: string): Promise<{ stream: ReadStream; size: number } | null> {
    if (!SHA.test(sha256)) return null;
    const path = join(this.dir, sha256);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path), size };
    } catch {
      return null;
    }
  }

  /** The rename itself is on disk too (a power cut right after would otherwise lose it). */
  private async syncDir(): Promise<void> {
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

/** 10485760 → "10"; 1572864 → "1.5". */
/** The refusal of a file past `maxBytes`, with the limit as a number for clients in other languages. */
export function tooLarge(maxBytes: number): DeskbellError {
  const mb = formatMb(maxBytes);
  return deskbellErrorWith('DESKBELL_ATTACHMENT_TOO_LARGE', { maxMb: Number(mb) }, mb);
}

export function formatMb(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}
