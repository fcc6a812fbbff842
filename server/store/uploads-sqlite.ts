// Uploads never sent (the shopper closed the tab, the agent removed the file before sending):
// rows no message and no canned reply uses, for server/attachments/sweeper.ts to remove.
// "Unused" is decided inside the delete's own transaction, so a message that takes the file
// meanwhile keeps it (message_attachments is written in the message's transaction).
import type Database from 'better-sqlite3';

export interface DeletedUploads {
  deleted: number;
  files: Array<{ sha256: string; fileInUse: boolean }>;
}

export interface UploadSweepStore {
  /**
   * Ids of uploads made before `before` that nothing uses, among the rows in (fromRow, toRow]
   * (SQLite rowids: the sweep walks the table in slices, so no query scans it whole).
   */
  unusedUploads(before: number, fromRow: number, toRow: number): Promise<string[]>;
  /** The last row of the uploads table (0: empty). */
  lastUploadRow(): Promise<number>;
  /**
   * Deletes the rows of those uploads still unused, in one transaction (one disk flush for a
   * batch). Returns how many were deleted and, per file of a deleted row (`sha256` names it),
   * whether another row still shares it (the same bytes uploaded twice).
   */
  deleteUnusedUploads(ids: readonly string[]): Promise<DeletedUploads>;
  /** Whether any upload's row names this file. */
  uploadFileKnown(sha256: string): Promise<boolean>;
}

const UNUSED = `NOT EXISTS (SELECT 1 FROM message_attachments ma WHERE ma.attachment_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM canned_replies r WHERE r.attachment_id = a.id)`;

export function uploadSweepStore(db: Database.Database): UploadSweepStore {
  const q = {
    unused: db.prepare<[number, number, number], { id: string }>(`SELECT a.id FROM attachments a
      WHERE a.rowid > ? AND a.rowid <= ? AND a.created_at < ? AND ${UNUSED}`),
    last: db.prepare<[], { n: number | null }>('SELECT MAX(rowid) AS n FROM attachments'),
    one: db.prepare<[string], { sha256: string }>(`SELECT a.sha256 FROM attachments a WHERE a.id = ? AND ${UNUSED}`),
    remove: db.prepare('DELETE FROM attachments WHERE id = ?'),
    known: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM attachments WHERE sha256 = ? LIMIT 1'),
  };
  const deleteUnused = db.transaction((ids: readonly string[]): DeletedUploads => {
    const files = new Set<string>();
    let deleted = 0;
    for (const id of ids) {
      const row = q.one.get(id);
      if (!row) continue;
      q.remove.run(id);
      deleted++;
      files.add(row.sha256);
    }
    return { deleted, files: [...files].map((sha256) => ({ sha256, fileInUse: q.known.get(sha256) !== undefined })) };
  });
  return {
    async unusedUploads(before, fromRow, toRow) {
      return q.unused.all(fromRow, toRow, before).map((r) => r.id);
    },
    async lastUploadRow() {
      return q.last.get()?.n ?? 0;
    },
    async deleteUnusedUploads(ids) {
      return deleteUnused.immediate(ids);
    },
    async uploadFileKnown(sha256) {
      return q.known.get(sha256) !== undefined;
    },
  };
}
