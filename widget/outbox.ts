// The outbox: messages written but not yet acknowledged as stored. Persisted (the widget's
// in localStorage, so a reload or a crash of the tab loses nothing), resent in order after
// every reconnect, removed only when the server acknowledges. The server stores a repeated
// clientId once, so resending — from this tab or another — is always safe.
// Shared by the widget and the console.
import type { AttachmentInfo } from '../server/protocol.js';
import type { KeyValue } from './storage.js';

export interface OutboxEntry {
  clientId: string;
  /** The console's target conversation; the widget leaves it out (the visitor has one). */
  conversationId?: string;
  body: string;
  /** Files already uploaded, sent with the text (their ids go in message:send). */
  attachments?: AttachmentInfo[];
  createdAt: number;
  /** pending: will be (re)sent; failed: refused or timed out, waits for "retry". */
  state: 'pending' | 'failed';
  /** Why it failed: the server's error code, or 'timeout'. Each UI words it in its reader's
   *  language (the server's own message is English). */
  error?: string;
  /** A refusal that resending cannot fix (too long, invalid): not retried automatically. */
  permanent?: boolean;
}

const KEY = 'outbox';

export class Outbox {
  constructor(private readonly storage: KeyValue) {}

  all(): OutboxEntry[] {
    const raw = this.storage.get(KEY);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as OutboxEntry[]).filter((e) => typeof e?.clientId === 'string' && typeof e.body === 'string') : [];
    } catch {
      return [];
    }
  }

  add(entry: OutboxEntry): void {
    this.write([...this.all().filter((e) => e.clientId !== entry.clientId), entry]);
  }

  update(clientId: string, patch: Partial<OutboxEntry>): void {
    this.write(this.all().map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  remove(clientId: string): void {
    const entries = this.all();
    const next = entries.filter((e) => e.clientId !== clientId);
    if (next.length !== entries.length) this.write(next);
  }

  /** What to send after a reconnect, oldest first: pending, and failed-but-retryable. */
  toSend(): OutboxEntry[] {
    return this.all().filter((e) => !e.permanent);
  }

  private write(entries: OutboxEntry[]): void {
    if (entries.length === 0) this.storage.remove(KEY);
    else this.storage.set(KEY, JSON.stringify(entries));
  }
}

/** A client id: 128 random bits, url-safe. */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
