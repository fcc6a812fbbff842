// Attachments: upload (limit and type checked while the bytes stream in), who may send a
// file in a message, and who may fetch it. Why it works this way: docs/decisions/attachments.md.
import type { Readable } from 'node:stream';
import { deskbellError } from '../errors.js';
import type { AttachmentInfo } from '../protocol.js';
import { toAttachmentInfo, type StoredAttachment } from '../store/attachments-sqlite.js';
import type { Store } from '../store/types.js';
import { tooLarge, type AttachmentFiles } from './files.js';

/** A site's limit unless `deskbell site attachments` set another. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** The most a site may be set to: a chat is not a file-sharing service. */
export const MAX_ATTACHMENT_MAX_BYTES = 100 * 1024 * 1024;

/** Who is uploading or asking: a shopper (by visitor id) or any agent. */
export type AttachmentActor = { kind: 'visitor'; visitorId: string } | { kind: 'agent'; agentId: string };

export class AttachmentService {
  constructor(private readonly store: Store, readonly files: AttachmentFiles) {}

  async limitFor(siteId: string | null): Promise<number> {
    return (siteId === null ? null : await this.store.attachmentLimit(siteId)) ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  }

  /** Stores the stream as a file of `actor`; refused past the site's limit or when not an image or PDF. */
  async upload(input: Readable, options: { siteId: string | null; actor: AttachmentActor; name: string; declaredLength: number | null }): Promise<AttachmentInfo> {
    const max = await this.limitFor(options.siteId);
    // Said up front: refused before a byte is read.
    if (options.declaredLength !== null && options.declaredLength > max) throw tooLarge(max);
    const file = await this.files.write(input, max);
    try {
      const stored = await this.store.addAttachment({
        siteId: options.siteId, uploader: uploaderKey(options.actor), sha256: file.sha256, type: file.type, size: file.size, name: cleanName(options.name, file.type),
      });
      return toAttachmentInfo(stored);
    } finally {
      this.files.release(file.sha256);
    }
  }

  /**
   * The files a message may carry: a shopper sends only what they uploaded themselves; an
   * agent, what any agent uploaded (a canned reply's file was uploaded by whoever wrote it).
   */
  async forMessage(ids: readonly string[] | undefined, actor: AttachmentActor): Promise<AttachmentInfo[] | undefined> {
    if (!ids || ids.length === 0) return undefined;
    const found: AttachmentInfo[] = [];
    for (const id of new Set(ids)) {
      const a = await this.store.getAttachment(id);
      const mine = a !== null && (actor.kind === 'visitor' ? a.uploader === uploaderKey(actor) : a.uploader.startsWith('a:'));
      if (!a || !mine) throw deskbellError('DESKBELL_ATTACHMENT_NOT_FOUND', id);
      found.push(toAttachmentInfo(a));
    }
    return found;
  }

  /**
   * The file, for someone allowed to see it: any agent; a shopper only for their own upload
   * or a file in one of their conversations. Anyone else gets "not found", like a wrong id.
   */
  async open(id: string, actor: AttachmentActor): Promise<{ attachment: StoredAttachment; stream: Readable; size: number }> {
    const attachment = await this.store.getAttachment(id);
    const allowed = attachment !== null && (actor.kind === 'agent' || (await this.store.visitorMaySee(id, actor.visitorId)));
    const file = allowed ? await this.files.read(attachment.sha256) : null;
    if (!attachment || !file) throw deskbellError('DESKBELL_ATTACHMENT_NOT_FOUND', id);
    return { attachment, ...file };
  }
}

function uploaderKey(actor: AttachmentActor): string {
  return actor.kind === 'visitor' ? `v:${actor.visitorId}` : `a:${actor.agentId}`;
}

const EXTENSION: Record<AttachmentInfo['type'], string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif', 'application/pdf': 'pdf',
};

/**
 * The name shown and offered on download: no folders, no control characters, at most 120
 * characters, and an extension that matches the content (a "report.exe" that is a PDF is
 * saved as "report.exe.pdf", so it never opens as a program).
 */
export function cleanName(name: string, type: AttachmentInfo['type']): string {
  const base = (name.toWellFormed().split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}"]/gu, '').trim().slice(0, 120);
  const ext = EXTENSION[type];
  const stem = base || 'file';
  const has = stem.toLowerCase().endsWith(`.${ext}`) || (ext === 'jpg' && stem.toLowerCase().endsWith('.jpeg'));
  return has ? stem : `${stem}.${ext}`;
}
