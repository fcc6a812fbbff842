// Replies to a left message by email (`deskbell start --smtp URL`): when an agent writes in
// a conversation that began as "leave a message" and its shopper has no widget open, the
// reply also goes to the email they left. Sent after the message is stored, never before
// the agent's acknowledgement; a failed send is logged (the reply still waits in the chat
// for the shopper's return, as it does without SMTP). Not queued across restarts.
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '../events.js';
import type { Presence } from '../presence.js';
import type { Conversation, Store, StoredMessage } from '../store/types.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's URL form). Never logged. */
  url: string;
  /** The From address, e.g. "Lantern & Leaf <help@lantern.example>". */
  from: string;
}

export class EmailReplies {
  private readonly transport: Transporter;
  private pending = new Set<Promise<void>>();

  constructor(options: SmtpOptions, private readonly deps: { store: Store; presence: Presence; events: EventBus; log: FastifyBaseLogger }) {
    this.transport = nodemailer.createTransport(options.url, { from: options.from });
    deps.events.on('message:stored', ({ message, conversation }) => {
      const sending = this.maybeSend(message, conversation).finally(() => this.pending.delete(sending));
      this.pending.add(sending);
    });
  }

  private async maybeSend(message: StoredMessage, conversation: Conversation): Promise<void> {
    if (message.author !== 'agent' || conversation.queueReason !== 'message') return;
    if (this.deps.presence.isVisitorOnline(conversation.visitorId)) return;
    const { store, log } = this.deps;
    try {
      const [visitor, site] = await Promise.all([store.getVisitor(conversation.visitorId), store.getSite(conversation.siteId)]);
      const to = visitor?.identity.email;
      if (!to || !site) return;
      const who = message.authorName ?? site.name;
      const files = message.attachments?.length ? `\n\n(${message.attachments.map((a) => a.name).join(', ')}: open the chat to see them)` : '';
      const back = visitor.page ? `\n\nTo answer, open the chat on ${visitor.page.url}` : '\n\nTo answer, open the chat on our shop.';
      await this.transport.sendMail({
        to,
        subject: `${site.name}: ${who} replied to your message`,
        text: `${who} replied:\n\n${message.body}${files}${back}\n`,
      });
      log.info({ conversationId: conversation.id, messageId: message.id }, 'reply to a left message sent by email');
    } catch (err) {
      log.warn({ conversationId: conversation.id, messageId: message.id, error: err instanceof Error ? err.message : String(err) }, 'reply by email failed; it waits in the chat');
    }
  }

  /** Lets sends under way finish (shutdown), then closes the connection pool. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.transport.close();
  }
}
