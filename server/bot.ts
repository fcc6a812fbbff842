// The FAQ bot in the chat. While no person has the conversation, each shopper message gets
// one reply: the entry's answer when the match is confident ("Did this answer your
// question?"), up to three "Did you mean…" buttons when it is middling, and the hand-off to
// a person when the shopper asks for one, nothing matches, or they say an answer did not help.
// A site with no enabled FAQ entry has no bot at all.
//
// Exactly once: the bot's reply to message M is stored with clientId `bot-M` under the
// conversation's bot sender, so a resent message (after a lost ack or a crash) can run the
// bot again and still get a single reply.
import { BOT_PHRASES, replyInKind, type BotPhrases } from './bot-phrases.js';
import { deskbellError } from './errors.js';
import type { EventBus } from './events.js';
import type { FaqRegistry } from './faq/registry.js';
import { readerLang } from './faq/language.js';
import { smallTalk, yesOrNo } from './faq/small-talk.js';
import { scriptConverter } from './faq/script.js';
import type { Presence } from './presence.js';
import type { BotMeta, HandoffReason, Lang } from './protocol.js';
import { LANGS } from './protocol.js';
import type { Conversation, Store, StoredMessage, Visitor } from './store/types.js';

export interface BotDeps {
  store: Store;
  registry: FaqRegistry;
  events: EventBus;
  presence: Presence;
  /** Puts a handed-over conversation in its site's queue. */
  queue?: { enqueue(conversation: Conversation, reason: HandoffReason): Promise<unknown> };
}

export class BotService {
  constructor(private readonly deps: BotDeps) {}

  /** Called after a visitor message is stored — also when it was a duplicate (see header). */
  async afterVisitorMessage(visitor: Visitor, message: StoredMessage, conversation: Conversation): Promise<void> {
    if (!this.botHas(conversation)) return;
    // A site without a FAQ has no bot: its shoppers talk to people only.
    if (!(await this.deps.registry.entries(conversation.siteId)).some((e) => e.enabled)) return;
    // Matched in the language of the words written (English words in a Thai chat find the
    // English entries); the bot's own words in the shopper's language, which follows only
    // what is clearly written in another (server/i18n/written-lang.ts): "ok" or "iPhone 15"
    // in a Thai chat gets Thai.
    const lang = this.visitorLang(visitor, message.body);
    const speaks = LANGS.find((l) => l === visitor.lang) ?? lang;
    const replyId = `bot-${message.id}`;
    if (await this.typedYesOrNo(visitor, conversation, message, speaks)) return;
    // "ok", "thanks", "hi": answered in kind, neither matched nor handed over.
    const talk = smallTalk(message.body);
    if (talk !== null) {
      await this.say(conversation, replyId, replyInKind(talk, speaks), null);
      return;
    }
    const result = await this.deps.registry.match(conversation.siteId, message.body, lang);
    const { thresholds, convertScript } = await this.deps.registry.settings(conversation.siteId);
    const inScript = scriptConverter(convertScript);
    switch (result.decision) {
      case 'answer': {
        const best = result.matches[0];
        const entry = best ? await this.deps.registry.entry(conversation.siteId, best.id) : null;
        if (!entry) return this.handoff(conversation, 'no_match', speaks, replyId);
        await this.say(conversation, replyId, inScript(entry.answer, entry.lang, lang), { kind: 'answer', faqId: entry.id, feedback: null });
        return;
      }
      case 'suggest': {
        // Only candidates that are themselves worth suggesting: a 0.06 runner-up is noise.
        const options = await Promise.all(
          result.matches
            .filter((m) => m.score >= thresholds.suggest)
            .slice(0, 3)
            .map(async (m) => {
              const entry = await this.deps.registry.entry(conversation.siteId, m.id);
              return { faqId: m.id, question: entry ? inScript(m.question, entry.lang, lang) : m.question };
            }),
        );
        const body = [BOT_PHRASES[speaks].didYouMean, ...options.map((o) => `• ${o.question}`)].join('\n');
        await this.say(conversation, replyId, body, { kind: 'suggest', options, chosen: null, declined: false });
        return;
      }
      case 'escalate':
        return this.handoff(conversation, 'asked', speaks, replyId);
      case 'none':
        return this.handoff(conversation, 'no_match', speaks, replyId);
    }
  }

  /** "Did this answer your question?" — No hands over to a person. */
  async feedback(visitor: Visitor, messageId: string, helpful: boolean): Promise<void> {
    const { message, conversation } = await this.ownBotMessage(visitor, messageId);
    const meta = message.meta;
    if (meta?.kind !== 'answer') throw deskbellError('DESKBELL_VALIDATION', 'that message is not a bot answer');
    // The first answer counts (a double click, a second tab); a retry after a crash between
    // the two writes below still completes the hand-off.
    let feedback = meta.feedback;
    if (feedback === null) {
      feedback = helpful ? 'yes' : 'no';
      const updated = await this.deps.store.updateMessageMeta(message.id, { ...meta, feedback });
      this.deps.events.emit('message:updated', { message: updated, conversation });
    }
    if (feedback === 'no' && this.botHas(conversation)) {
      await this.handoff(conversation, 'not_helpful', await this.entryLang(visitor, conversation, meta.faqId), `bot-feedback-${message.id}`);
    }
  }

  /** A "Did you mean…" button: the shopper's choice is shown as their message, then answered. */
  async choose(visitor: Visitor, messageId: string, faqId: string | null): Promise<void> {
    const { message, conversation } = await this.ownBotMessage(visitor, messageId);
    const meta = message.meta;
    if (meta?.kind !== 'suggest') throw deskbellError('DESKBELL_VALIDATION', 'that message offers no suggestions');
    const lang = await this.entryLang(visitor, conversation, meta.options[0]?.faqId);
    if (faqId === null) {
      if (meta.chosen !== null) return;
      if (!meta.declined) {
        const updated = await this.deps.store.updateMessageMeta(message.id, { ...meta, declined: true });
        this.deps.events.emit('message:updated', { message: updated, conversation });
      }
      if (this.botHas(conversation)) await this.handoff(conversation, 'declined', lang, `bot-declined-${message.id}`);
      return;
    }
    if (meta.declined) return;
    // A person has the conversation now: an old button changes nothing.
    if (!this.botHas(conversation)) return;
    const option = meta.options.find((o) => o.faqId === faqId);
    if (!option) throw deskbellError('DESKBELL_VALIDATION', `faqId ${faqId} was not offered`);
    if (meta.chosen === null) {
      const updated = await this.deps.store.updateMessageMeta(message.id, { ...meta, chosen: faqId });
      this.deps.events.emit('message:updated', { message: updated, conversation });
    }
    const asked = await this.deps.store.appendMessage({
      sender: { kind: 'visitor', visitorId: visitor.id },
      clientId: `choose-${message.id}`,
      body: option.question,
      author: 'visitor',
    });
    if (!asked.duplicate) this.deps.events.emit('message:stored', asked);
    const entry = await this.deps.registry.entry(conversation.siteId, faqId);
    if (!entry || !entry.enabled) return this.handoff(asked.conversation, 'no_match', lang, `bot-${asked.message.id}`);
    // In the script of the button they pressed, which was shown in theirs.
    const inScript = scriptConverter((await this.deps.registry.settings(conversation.siteId)).convertScript);
    const answer = inScript(entry.answer, entry.lang, this.visitorLang(visitor, option.question));
    await this.say(asked.conversation, `bot-${asked.message.id}`, answer, { kind: 'answer', faqId: entry.id, feedback: null });
  }

  /** "Talk to a person", from the widget's button. */
  async requestHandoff(visitor: Visitor): Promise<void> {
    const conversation = await this.deps.store.getLatestConversation(visitor.id);
    if (!conversation || conversation.status !== 'open') throw deskbellError('DESKBELL_VALIDATION', 'there is no open conversation to hand over');
    // Already with a person (handed over, or an agent wrote): nothing to do.
    if (!this.botHas(conversation)) return;
    await this.handoff(conversation, 'asked', this.visitorLang(visitor, ''), `bot-handoff-${conversation.id}`);
  }

  /**
   * "yes" / "no" typed under an answer still waiting for them is its Yes / No; "no" under
   * suggestions still open is "None of these". True when the message was taken as one.
   */
  private async typedYesOrNo(visitor: Visitor, conversation: Conversation, message: StoredMessage, speaks: Lang): Promise<boolean> {
    const said = yesOrNo(message.body);
    if (said === null) return false;
    const offer = await this.openOffer(conversation, message.seq);
    if (offer?.meta?.kind === 'answer') {
      await this.feedback(visitor, offer.id, said === 'yes');
      if (said === 'yes') await this.say(conversation, `bot-${message.id}`, BOT_PHRASES[speaks].welcome, null);
      return true;
    }
    if (offer?.meta?.kind === 'suggest' && said === 'no') {
      await this.choose(visitor, offer.id, null);
      return true;
    }
    return false;
  }

  /**
   * The bot's latest message before `seq`, if it is an answer or suggestions still waiting for
   * the shopper's Yes / No or choice — what a typed "yes" or "no" replies to.
   */
  private async openOffer(conversation: Conversation, seq: number): Promise<StoredMessage | null> {
    const recent = await this.deps.store.listMessages(conversation.id, Math.max(0, seq - 4), 4);
    const last = recent.filter((m) => m.seq < seq && m.author !== 'visitor').pop();
    if (last?.author !== 'bot') return null;
    const meta = last.meta;
    if (meta?.kind === 'answer' && meta.feedback === null) return last;
    if (meta?.kind === 'suggest' && meta.chosen === null && !meta.declined) return last;
    return null;
  }

  /** The bot speaks only until the conversation is handed over or a person writes in it. */
  private botHas(conversation: Conversation): boolean {
    return conversation.status === 'open' && conversation.handoffAt === null && conversation.firstAgentReplyAt === null && conversation.routing === null;
  }

  private async handoff(conversation: Conversation, reason: HandoffReason, lang: Lang, replyId: string): Promise<void> {
    const online = this.deps.presence.agentsOnline();
    const phrases: BotPhrases = BOT_PHRASES[lang];
    const text = reason === 'no_match' ? (online ? phrases.noMatchOnline : phrases.noMatchOffline) : online ? phrases.handoffOnline : phrases.handoffOffline;
    const reply = await this.say(conversation, replyId, text, { kind: 'handoff', reason, agentsOnline: online });
    // The stored reply decides: on a resend after a crash it completes the hand-off it
    // announced; if it was another reply (the FAQ changed in between), nothing is handed over.
    if (reply.meta?.kind !== 'handoff') return;
    const updated = await this.deps.store.setHandoff(conversation.id, reply.meta.reason);
    this.deps.events.emit('conversation:changed', { conversation: updated });
    await this.deps.queue?.enqueue(updated, reply.meta.reason);
  }

  private async say(conversation: Conversation, clientId: string, body: string, meta: BotMeta | null): Promise<StoredMessage> {
    const result = await this.deps.store.appendMessage({ sender: { kind: 'bot', conversationId: conversation.id }, clientId, body, author: 'bot', meta });
    if (!result.duplicate) this.deps.events.emit('message:stored', result);
    return result.message;
  }

  private async ownBotMessage(visitor: Visitor, messageId: string): Promise<{ message: StoredMessage; conversation: Conversation }> {
    const message = await this.deps.store.getMessage(messageId);
    const conversation = message ? await this.deps.store.getConversation(message.conversationId) : null;
    if (!message || !conversation || conversation.visitorId !== visitor.id || message.author !== 'bot') {
      // The same answer for "not yours" and "not there": ids can't be probed.
      throw deskbellError('DESKBELL_VALIDATION', `messageId: no bot message ${messageId} in your conversation`);
    }
    return { message, conversation };
  }

  /**
   * The language of the FAQ entry the bot offered — usually the one the shopper asked in
   * (not when the site had no entry in it and the matcher fell back to another language).
   */
  private async entryLang(visitor: Visitor, conversation: Conversation, faqId: string | undefined): Promise<Lang> {
    const entry = faqId ? await this.deps.registry.entry(conversation.siteId, faqId) : null;
    return entry?.lang ?? this.visitorLang(visitor, '');
  }

  /** The language to match in and reply in (faq/language.ts readerLang). */
  private visitorLang(visitor: Visitor, text: string): Lang {
    // The connection's visitor carries the language of its latest session:sync.
    return readerLang(LANGS.find((l) => l === visitor.lang) ?? null, text);
  }
}
