// The background sender of reply emails (docs/decisions/email-outbox.md). Emails wait in
// SQLite (server/store/reply-emails-sqlite.ts); each is tried at once, then again with
// exponential backoff (30 s, 1 min, 2 min … at most 1 h apart) until the SMTP server accepts
// it or 24 h have passed, when it is marked failed and the console says so (at once when the
// server refuses this email for good: no such mailbox).
//
// Exactly once as far as we can: an email is marked sent only after the SMTP server accepted
// it, and only pending emails are ever tried. If the process dies between the server's
// acceptance and our mark, the email is sent again after the restart (at least once, not
// exactly once); it carries the same Message-ID both times, which mail providers use to
// drop the duplicate.
import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '../events.js';
import type { Clock } from '../ids.js';
import type { ReplyEmail } from '../store/reply-emails-sqlite.js';
import type { Store } from '../store/types.js';

export interface EmailRetryPolicy {
  /** The wait after the first failed attempt; doubled after each further one. */
  firstRetryMs: number;
  /** The longest wait between two attempts. */
  maxRetryMs: number;
  /** After this long since the reply, no further attempt: the email is marked failed. */
  giveUpAfterMs: number;
}

export const DEFAULT_EMAIL_RETRY: EmailRetryPolicy = { firstRetryMs: 30_000, maxRetryMs: 60 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 };

const BATCH = 20;
/** Longest wait of the timer: the next due time is read again at least this often. */
const MAX_SLEEP_MS = 60_000;
/**
 * The mail server refused this email for good (5xx to its recipient or its content: no such
 * mailbox, rejected as spam): retrying would not help. A 5xx to our login (EAUTH) is not
 * here: that is the settings, which the operator can fix within the 24 h.
 */
const REFUSED_FOR_GOOD = new Set(['EENVELOPE', 'EMESSAGE']);
/** Failures that say the server itself is unreachable: the rest of a batch waits too. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED']);

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelay(policy: EmailRetryPolicy, attempts: number): number {
  return Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

interface Deps {
  store: Store;
  clock: Clock;
  events: EventBus;
  log: FastifyBaseLogger;
  retry: EmailRetryPolicy;
  /** The domain of the Message-ID header (the From address's). */
  domain: string;
  /** False when the email is no longer worth sending (the shopper read the reply in the chat). */
  stillNeeded: (email: ReplyEmail) => Promise<boolean>;
}

export class EmailOutbox {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** After an unreachable server: nothing is tried before this time. */
  private pausedUntil = 0;

  constructor(private readonly transport: Transporter, private readonly deps: Deps) {}

  /**
   * Tries every pending email once, due or not (after a restart: the SMTP settings may just
   * have been fixed), then each at its own time.
   */
  start(): void {
    this.run(Number.MAX_SAFE_INTEGER);
  }

  /** A new email was recorded: try it now. */
  kick(): void {
    this.run(null);
  }

  /** Stops the timer and waits for an attempt under way; pending emails stay for the next start. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private run(dueBy: number | null): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.sendDue(dueBy)
      .catch((err: unknown) => this.deps.log.error({ err }, 'reply email sender failed; retrying later'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.run(null);
        } else void this.schedule();
      });
  }

  private async sendDue(dueBy: number | null): Promise<void> {
    // The first pass after start takes every pending email once; later passes what is due.
    const seen = new Set<string>();
    for (;;) {
      const now = this.deps.clock.now();
      if (this.stopped || now < this.pausedUntil) return;
      const due = (await this.deps.store.dueReplyEmails(dueBy ?? now, BATCH)).filter((e) => !seen.has(e.messageId));
      if (due.length === 0) return;
      for (const email of due) {
        seen.add(email.messageId);
        if (this.stopped) return;
        if (!(await this.attempt(email))) return;
      }
    }
  }

  /** One attempt; false when the server is unreachable (the rest waits with it). */
  private async attempt(email: ReplyEmail): Promise<boolean> {
    const { store, clock, events, log, retry } = this.deps;
    if (!(await this.deps.stillNeeded(email))) {
      const done = await store.updateReplyEmail(email.messageId, { status: 'skipped', attempts: email.attempts, nextAttemptAt: email.nextAttemptAt, lastError: email.lastError, doneAt: clock.now() });
      if (done) events.emit('email:changed', { email: done });
      return true;
    }
    try {
      await this.transport.sendMail({
        to: email.to, subject: email.subject, text: email.body,
        // The same id on every attempt: a resend after a crash is recognisable as the same mail.
        messageId: `<${email.messageId}.reply@${this.deps.domain}>`,
      });
    } catch (err) {
      const attempts = email.attempts + 1;
      const now = clock.now();
      const next = now + retryDelay(retry, attempts);
      const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
      const refused = typeof code === 'string' && REFUSED_FOR_GOOD.has(code) && typeof responseCode === 'number' && responseCode >= 500;
      const giveUp = refused || next > email.at + retry.giveUpAfterMs;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
      const failed = await store.updateReplyEmail(email.messageId, {
        status: giveUp ? 'failed' : 'pending', attempts, nextAttemptAt: giveUp ? email.nextAttemptAt : next, lastError: message, doneAt: giveUp ? now : null,
      });
      log.warn({ conversationId: email.conversationId, messageId: email.messageId, attempts, error: message },
        giveUp ? 'reply by email failed for good; it waits in the chat' : 'reply by email failed; will retry');
      if (failed) events.emit('email:changed', { email: failed });
      if (typeof code === 'string' && UNREACHABLE.has(code)) {
        this.pausedUntil = Math.max(this.pausedUntil, now + retryDelay(retry, 1));
        return false;
      }
      return true;
    }
    // Accepted by the SMTP server: only now is it marked sent.
    const sent = await store.updateReplyEmail(email.messageId, { status: 'sent', attempts: email.attempts + 1, nextAttemptAt: email.nextAttemptAt, lastError: null, doneAt: clock.now() });
    log.info({ conversationId: email.conversationId, messageId: email.messageId }, 'reply to a left message sent by email');
    if (sent) events.emit('email:changed', { email: sent });
    return true;
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    try {
      const next = await this.deps.store.nextReplyEmailAt();
      if (next === null || this.stopped) return;
      const at = Math.max(next, this.pausedUntil);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(null), Math.min(MAX_SLEEP_MS, Math.max(0, at - this.deps.clock.now())));
      this.timer.unref();
    } catch (err) {
      this.deps.log.error({ err }, 'reply email sender could not schedule; retrying in a minute');
      this.timer = setTimeout(() => this.run(null), MAX_SLEEP_MS);
      this.timer.unref();
    }
  }
}
