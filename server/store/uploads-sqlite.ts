// Uploads never sent (the shopper closed the tab, the agent removed the file before sending):
// rows no message and no canned reply uses, for server/attachments/sweeper.ts to remove.
// "Unused" is decided inside the delete's own transaction, so a message that takes the file
// meanwhile keeps it (message_attachments is written in the message's transaction).
import type Database from 'better-sqlite3';

export interface UploadSweepStore {
  /** Ids of uploads made before `before` that nothing uses, oldest first. */
  unusedUploads(before: number, limit: number): Promise<string[]>;
  /**
   * Deletes the upload's row if still unused. `sha256` is its file's name, and `fileInUse`
   * says whether another row shares the file (the same bytes uploaded twice); null: kept.
   */
  deleteUnusedUpload(id: string): Promise<{ sha256: string; fileInUse: boolean } | null>;
  /** Whether any upload's row names this file. */
  uploadFileKnown(sha256: string): Promise<boolean>;
}

const UNUSED = `NOT EXISTS (SELECT 1 FROM message_attachments ma WHERE ma.attachment_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM canned_replies r WHERE r.attachment_id = a.id)`;

export function uploadSweepStore(db: Database.Database): UploadSweepStore {
  const q = {
    unused: db.prepare<[number, number], { id: string }>(`SELECT a.id FROM attachments a WHERE a.created_at < ? AND ${UNUSED}
      ORDER BY a.created_at LIMIT ?`),
    one: db.prepare<[string], { sha256: string }>(`SELECT a.sha256 FROM attachments a WHERE a.id = ? AND ${UNUSED}`),
    remove: db.prepare('DELETE FROM attachments WHERE id = ?'),
    known: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM attachments WHERE sha256 = ? LIMIT 1'),
  };
  const deleteUnused = db.transaction((id: string): { sha256: string; fileInUse: boolean } | null => {
    const row = q.one.get(id);
    if (!row) return null;
    q.remove.run(id);
    return { sha256: row.sha256, fileInUse: q.known.get(row.sha256) !== undefined };
  });
  return {
    async unusedUploads(before, limit) {
      return q.unused.all(before, limit).map((r) => r.id);
    },
    async deleteUnusedUpload(id) {
      return deleteUnused.immediate(id);
    },
    async uploadFileKnown(sha256) {
      return q.known.get(sha256) !== undefined;
    },
  };
}
