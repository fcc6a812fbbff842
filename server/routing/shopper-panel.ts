// The shopper panel beside a conversation in the console: who they are, where they are,
// what the bot told them before the hand-off, and their earlier conversations — on this
// device, and on every device of a verified identity (never of an unverified one).
import { deskbellError } from '../errors.js';
import type { ShopperPanel } from '../protocol.js';
import type { Store } from '../store/types.js';
import type { VisitTrail } from './visit-trail.js';
import { replyEmailView, undelivered } from './email-replies.js';

const EARLIER_LIMIT = 20;

export class ShopperPanels {
  constructor(
    private readonly store: Store,
    private readonly emailReplies: boolean,
    private readonly trail: VisitTrail,
    private readonly now: () => number,
  ) {}

  async panel(conversationId: string): Promise<ShopperPanel> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', conversationId);
    const visitor = await this.store.getVisitor(conversation.visitorId);
    const identity = visitor?.identity ?? { externalId: null, name: null, email: null, verified: false, attributes: {} };
    const visitorIds = identity.verified && identity.externalId
      ? await this.store.visitorsWithIdentity(conversation.siteId, identity.externalId)
      : [conversation.visitorId];
    if (!visitorIds.includes(conversation.visitorId)) visitorIds.push(conversation.visitorId);
    const earlier = (await this.store.listVisitorConversations(visitorIds, EARLIER_LIMIT + 1)).filter((c) => c.id !== conversation.id);
    const earlierViews = [];
    for (const c of earlier.slice(0, EARLIER_LIMIT)) {
      const last = c.lastSeq > 0 ? (await this.store.listMessages(c.id, c.lastSeq - 1, 1))[0] : undefined;
      earlierViews.push({ id: c.id, createdAt: c.createdAt, status: c.status, routing: c.routing, lastMessage: last ? last.body.slice(0, 200) : null });
    }
    // The bot's answers come before any person wrote; the first page is enough to find them.
    const messages = await this.store.listMessages(conversation.id, 0, 500);
    const botAnswers: ShopperPanel['botAnswers'] = [];
    for (const m of messages) {
      if (m.author !== 'bot' || m.meta?.kind !== 'answer') continue;
      const question = m.clientId?.startsWith('bot-') ? messages.find((x) => x.id === m.clientId?.slice(4)) : undefined;
      botAnswers.push({ question: question?.body ?? null, answer: m.body, feedback: m.meta.feedback });
    }
    return {
      identity: { name: identity.name, email: identity.email, externalId: identity.externalId, verified: identity.verified, attributes: identity.attributes },
      page: visitor?.page ?? null,
      pages: this.trail.pages(conversation.visitorId, this.now()),
      lang: visitor?.lang ?? null,
      earlier: earlierViews,
      botAnswers,
      emailReplies: this.emailReplies,
      replyEmails: (await this.store.listReplyEmails(conversation.id)).map(replyEmailView).filter(undelivered),
    };
  }
}
