// The outbox of reply emails in SQLite (migration 11): agents' replies to a left message that
// go to the shopper's email, each sent by server/routing/email-outbox.ts until the SMTP server
// accepts it or the sender gives up. One row per message (its primary key), so recording the
// same reply twice — a console resending after a lost acknowledgement — keeps one email.
import type Database from 'better-sqlite3';

export type ReplyEmailStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NewReplyEmail {
  messageId: string;
  conversationId: string;
  to: string;
  subject: string;
  body: string;
  /** When it was recorded; also its first attempt. */
  at: number;
}

export interface ReplyEmail extends NewReplyEmail {
  status: ReplyEmailStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  doneAt: number | null;
}

export interface ReplyEmailStore {
  /** Records the email once per message; false when it was already recorded (nothing changes). */
  addReplyEmail(email: NewReplyEmail): Promise<boolean>;
  /** Pending emails whose next attempt is at or before `now`, oldest due first. */
  dueReplyEmails(now: number, limit: number): Promise<ReplyEmail[]>;
  /** The earliest next attempt of a pending email; null when none is pending. */
  nextReplyEmailAt(): Promise<number | null>;
  /** The outcome of an attempt. Only a pending email changes: a sent one stays sent. */
  updateReplyEmail(messageId: string, change: Pick<ReplyEmail, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'doneAt'>): Promise<ReplyEmail | null>;
  /** A conversation's reply emails, oldest first. */
  listReplyEmails(conversationId: string): Promise<ReplyEmail[]>;
}

interface Row {
  message_id: string; conversation_id: string; recipient: string; subject: string; body: string; status: ReplyEmailStatus;
  attempts: number; next_attempt_at: number; last_error: string | null; created_at: number; done_at: number | null;
}

const toEmail = (r: Row): ReplyEmail => ({
  messageId: r.message_id, conversationId: r.conversation_id, to: r.recipient, subject: r.subject, body: r.body, at: r.created_at,
  status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, doneAt: r.done_at,
});

export function replyEmailStore(db: Database.Database): ReplyEmailStore {
  const q = {
    insert: db.prepare(`INSERT OR IGNORE INTO reply_emails (message_id, conversation_id, recipient, subject, body, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    due: db.prepare<[number, number], Row>(`SELECT * FROM reply_emails WHERE status = 'pending' AND next_attempt_at <= ?
      ORDER BY next_attempt_at LIMIT ?`),
    next: db.prepare<[], { at: number | null }>(`SELECT MIN(next_attempt_at) AS at FROM reply_emails WHERE status = 'pending'`),
    update: db.prepare(`UPDATE reply_emails SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, done_at = ?
      WHERE message_id = ? AND status = 'pending'`),
    one: db.prepare<[string], Row>('SELECT * FROM reply_emails WHERE message_id = ?'),
    ofConversation: db.prepare<[string], Row>('SELECT * FROM reply_emails WHERE conversation_id = ? ORDER BY created_at, message_id'),
  };
  return {
    async addReplyEmail(e) {
      return q.insert.run(e.messageId, e.conversationId, e.to, e.subject, e.body, e.at, e.at).changes === 1;
    },
    async dueReplyEmails(now, limit) {
      return q.due.all(now, limit).map(toEmail);
    },
    async nextReplyEmailAt() {
      return q.next.get()?.at ?? null;
    },
    async updateReplyEmail(messageId, c) {
      q.update.run(c.status, c.attempts, c.nextAttemptAt, c.lastError, c.doneAt, messageId);
      const row = q.one.get(messageId);
      return row ? toEmail(row) : null;
    },
    async listReplyEmails(conversationId) {
      return q.ofConversation.all(conversationId).map(toEmail);
    },
  };
}
