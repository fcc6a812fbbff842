// Replies to a left message by email (`deskbell start --smtp URL`): when an agent writes in
// a conversation that began as "leave a message" and its shopper has no widget open, the
// reply also goes to the email they left. The email is recorded in the database before the
// agent's acknowledgement (ConversationService.agentSend), and sent by the outbox
// (email-outbox.ts) with retries, across restarts: an SMTP server that is down delays the
// email, it does not lose it. The reply waits in the chat for the shopper's return as well.
import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '../events.js';
import type { Clock } from '../ids.js';
import type { Presence } from '../presence.js';
import { LANGS, type ReplyEmailView } from '../protocol.js';
import { fill, REPLY_EMAIL_WORDS } from '../i18n/reply-email-words.js';
import type { ReplyEmail } from '../store/reply-emails-sqlite.js';
import type { Conversation, Store, StoredMessage } from '../store/types.js';
import { DEFAULT_EMAIL_RETRY, EmailOutbox, type EmailRetryPolicy } from './email-outbox.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's URL form). Never logged. */
  url: string;
  /** The From address, e.g. "Lantern & Leaf <help@lantern.example>". */
  from: string;
  /** How often and how long a refused email is tried again (tests shorten it). */
  retry?: Partial<EmailRetryPolicy>;
}

interface Deps {
  store: Store;
  presence: Presence;
  events: EventBus;
  clock: Clock;
  log: FastifyBaseLogger;
}

// Unreachable servers fail within these, rather than nodemailer's two minutes, so one dead
// server does not hold the outbox for long.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export class EmailReplies {
  private readonly outbox: EmailOutbox;

  /** nodemailer (60 files) is loaded only by a server that sends email: start-up stays quick without. */
  static async create(options: SmtpOptions, deps: Deps): Promise<EmailReplies> {
    const { default: nodemailer } = await import('nodemailer');
    return new EmailReplies(nodemailer.createTransport(options.url, { from: options.from, ...TIMEOUTS }), options, deps);
  }

  private constructor(
    private readonly transport: Transporter,
    options: SmtpOptions,
    private readonly deps: Deps,
  ) {
    this.outbox = new EmailOutbox(this.transport, {
      ...deps,
      retry: { ...DEFAULT_EMAIL_RETRY, ...options.retry },
      domain: /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'deskbell.invalid',
      stillNeeded: (email) => this.stillNeeded(email),
    });
  }

  /** Sends what was left pending by the last run, then whatever is recorded. */
  start(): void {
    this.outbox.start();
  }

  /**
   * Called with every agent message before it is acknowledged (a resent one too: a crash
   * between storing the message and recording its email is healed by the console's resend,
   * and the message id keeps it to one email).
   */
  async record(message: StoredMessage, conversation: Conversation): Promise<void> {
    if (message.author !== 'agent' || conversation.queueReason !== 'message') return;
    if (this.deps.presence.isVisitorOnline(conversation.visitorId)) return;
    const { store } = this.deps;
    const [visitor, site] = await Promise.all([store.getVisitor(conversation.visitorId), store.getSite(conversation.siteId)]);
    const to = visitor?.identity.email;
    if (!to || !site) return;
    const who = message.authorName ?? site.name;
    // In the shopper's language: a Thai shopper who left a message in Thai reads Thai around the reply.
    const words = REPLY_EMAIL_WORDS[LANGS.find((l) => l === visitor.lang) ?? 'en'];
    const files = message.attachments?.length ? `\n\n${fill(words.files, { files: message.attachments.map((a) => a.name).join(', ') })}` : '';
    const back = `\n\n${visitor.page ? fill(words.backTo, { url: visitor.page.url }) : words.backToShop}`;
    const added = await store.addReplyEmail({
      messageId: message.id, conversationId: conversation.id, to, at: this.deps.clock.now(),
      subject: fill(words.subject, { site: site.name, who }),
      body: `${fill(words.replied, { who })}\n\n${message.body}${files}${back}\n`,
    });
    if (added) this.outbox.kick();
  }

  /** The shopper already read the reply in the chat: an email now would only repeat it. */
  private async stillNeeded(email: ReplyEmail): Promise<boolean> {
    const [message, conversation] = await Promise.all([this.deps.store.getMessage(email.messageId), this.deps.store.getConversation(email.conversationId)]);
    return !message || !conversation || conversation.visitorReadSeq < message.seq;
  }

  /** Lets an attempt under way finish (shutdown), then closes the connection pool. */
  async close(): Promise<void> {
    await this.outbox.close();
    this.transport.close();
  }
}

/** An email as the console shows it: on its way, being retried, sent, given up or not needed. */
export function replyEmailView(e: ReplyEmail): ReplyEmailView {
  const status = e.status === 'pending' ? (e.attempts === 0 ? 'sending' : 'retrying') : e.status;
  return {
    messageId: e.messageId, conversationId: e.conversationId, to: e.to, status, attempts: e.attempts,
    nextAttemptAt: e.status === 'pending' ? e.nextAttemptAt : null, lastError: e.lastError,
  };
}

/** What the console warns about: an email being retried, or given up. */
export const undelivered = (e: ReplyEmailView): boolean => e.status === 'retrying' || e.status === 'failed';
