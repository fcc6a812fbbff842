// Attachments in SQLite: the rows describing uploaded files (the bytes are in the folder
// beside the database, server/attachments/files.ts) and who may see them. A file becomes
// visible to a shopper only through a message of theirs that carries it (message_attachments,
// written in the same transaction as the message: sqlite.ts append).
import type Database from 'better-sqlite3';
import type { Clock, IdGenerator } from '../ids.js';
import type { AttachmentInfo, AttachmentType } from '../protocol.js';

export interface StoredAttachment extends AttachmentInfo {
  siteId: string | null;
  /** 'v:<visitor id>' or 'a:<agent id>'. */
  uploader: string;
  sha256: string;
  createdAt: number;
}

export interface NewAttachment {
  siteId: string | null;
  uploader: string;
  sha256: string;
  type: AttachmentType;
  size: number;
  name: string;
}

export interface AttachmentStore {
  addAttachment(a: NewAttachment): Promise<StoredAttachment>;
  getAttachment(id: string): Promise<StoredAttachment | null>;
  /** Whether the visitor uploaded it or one of their conversations' messages carries it. */
  visitorMaySee(attachmentId: string, visitorId: string): Promise<boolean>;
  /** The site's upload limit in bytes; null: the default. */
  attachmentLimit(siteId: string): Promise<number | null>;
  setAttachmentLimit(siteId: string, maxBytes: number | null): Promise<void>;
}

interface AttachmentRecord {
  id: string; site_id: string | null; uploader: string; sha256: string; type: AttachmentType; size: number; name: string; created_at: number;
}

export const toAttachmentInfo = (a: AttachmentInfo): AttachmentInfo => ({ id: a.id, name: a.name, type: a.type, size: a.size });

export function attachmentStore(db: Database.Database, clock: Clock, newId: IdGenerator): AttachmentStore {
  const q = {
    insert: db.prepare('INSERT INTO attachments (id, site_id, uploader, sha256, type, size, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    one: db.prepare<[string], AttachmentRecord>('SELECT * FROM attachments WHERE id = ?'),
    visitorSees: db.prepare<[string, string], { n: number }>(`SELECT 1 AS n FROM message_attachments ma
      JOIN conversations c ON c.id = ma.conversation_id WHERE ma.attachment_id = ? AND c.visitor_id = ? LIMIT 1`),
    limit: db.prepare<[string], { max: number | null }>('SELECT attachment_max_bytes AS max FROM sites WHERE id = ?'),
    setLimit: db.prepare('UPDATE sites SET attachment_max_bytes = ? WHERE id = ?'),
  };
  const toStored = (r: AttachmentRecord): StoredAttachment => ({
    id: r.id, siteId: r.site_id, uploader: r.uploader, sha256: r.sha256, type: r.type, size: r.size, name: r.name, createdAt: r.created_at,
  });
  return {
    async addAttachment(a) {
      const id = newId();
      q.insert.run(id, a.siteId, a.uploader, a.sha256, a.type, a.size, a.name, clock.now());
      return toStored(q.one.get(id)!);
    },
    async getAttachment(id) {
      const row = q.one.get(id);
      return row ? toStored(row) : null;
    },
    async visitorMaySee(attachmentId, visitorId) {
      const row = q.one.get(attachmentId);
      if (!row) return false;
      return row.uploader === `v:${visitorId}` || q.visitorSees.get(attachmentId, visitorId) !== undefined;
    },
    async attachmentLimit(siteId) {
      return q.limit.get(siteId)?.max ?? null;
    },
    async setAttachmentLimit(siteId, maxBytes) {
      q.setLimit.run(maxBytes, siteId);
    },
  };
}
