// The conversation: stored messages in seq order, then this browser's unsent ones (outbox).
import { useEffect, useRef } from 'preact/hooks';
import type { Lang, Message } from '../../server/protocol.js';
import type { OutboxEntry } from '../outbox.js';
import type { ChatState } from '../transport.js';
import type { Translate } from '../i18n/translate.js';
import type { FaqQuestion } from '../faq-client.js';
import { Files, caption, type LoadFile } from './attachments.js';
import { BotOffer, type BotActions } from './bot-offer.js';
import { Linkified } from './linkify.js';
import { MAX_MESSAGE_LENGTH_CLIENT } from '../limits.js';

type T = Translate;

interface Props {
  state: ChatState;
  greeting: string;
  lang: Lang;
  t: T;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  bot: BotActions;
  /** The shop's top questions, shown as buttons until the shopper has written. */
  topQuestions: FaqQuestion[];
  onAsk: (question: string) => void;
  /** Fetches a file of the conversation (pictures are shown, PDFs saved). */
  load: LoadFile;
}

export function MessageList({ state, greeting, lang, t, onRetry, onDiscard, bot, topQuestions, onAsk, load }: Props) {
  const ref = useRef<HTMLOListElement>(null);
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
  const agentRead = state.conversation?.agentReadSeq ?? 0;
  const count = state.messages.length + state.outbox.length;
  // Buttons only while the bot has the conversation, and only on its latest message.
  const handedOff =
    state.conversation?.handoff != null || state.conversation?.status === 'closed' || state.messages.some((m) => m.author === 'agent');
  const lastBotSeq = handedOff ? -1 : Math.max(-1, ...state.messages.filter((m) => m.author === 'bot').map((m) => m.seq));

  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, state.agentTyping]);

  return (
    <ol class="db-messages" ref={ref} aria-label={t('messagesLabel')} data-testid="messages" tabIndex={0}>
      <li class="db-msg db-msg-them db-greeting">
        <p class="db-bubble">{greeting}</p>
        {count === 0 && topQuestions.length > 0 && (
          <div class="db-offer db-offer-list" role="group" aria-label={t('topQuestions')} data-testid="top-questions">
            <span class="db-offer-q">{t('topQuestions')}</span>
            {topQuestions.map((q) => (
              <button type="button" key={q.id} class="db-chip" onClick={() => onAsk(q.question)}>{q.question}</button>
            ))}
          </div>
        )}
      </li>
      {state.messages.map((m) => (
        <Stored key={m.id} m={m} t={t} time={time} seen={m.author === 'visitor' && m.seq <= agentRead} offer={m.seq === lastBotSeq ? bot : null} load={load} />
      ))}
      {state.outbox.map((e) => (
        <Unsent key={e.clientId} e={e} t={t} time={time} onRetry={onRetry} onDiscard={onDiscard} />
      ))}
      {state.agentTyping !== null && (
        <li class="db-typing" data-testid="agent-typing">{t('typing', { name: state.agentTyping || t('someone') })}</li>
      )}
    </ol>
  );
}

function Stored({ m, t, time, seen, offer, load }: { m: Message; t: T; time: Intl.DateTimeFormat; seen: boolean; offer: BotActions | null; load: LoadFile }) {
  const mine = m.author === 'visitor';
  const text = caption(m.body, m.attachments);
  const who = mine ? t('you') : m.author === 'bot' ? t('bot') : (m.authorName ?? t('agent'));
  return (
    <li class={`db-msg ${mine ? 'db-msg-me' : 'db-msg-them'}`} data-testid="message" data-author={m.author} data-state="sent">
      {!mine && <span class={`db-author${m.author === 'bot' ? ' db-author-bot' : ''}`}>{who}</span>}
      {/* Open suggestions are drawn as buttons below; the text is for history and agents. */}
      {text && !(offer && m.meta?.kind === 'suggest' && m.meta.chosen === null && !m.meta.declined) && (
        <p class="db-bubble">
          <Linkified text={text} />
        </p>
      )}
      <Files files={m.attachments} t={t} load={load} />
      <span class="db-meta">
        <time dateTime={new Date(m.createdAt).toISOString()}>{time.format(m.createdAt)}</time>
        {mine && <span> · {seen ? t('stateSeen') : t('stateSent')}</span>}
      </span>
      {m.author === 'bot' && <BotOffer m={m} t={t} actions={offer} />}
    </li>
  );
}

function Unsent({ e, t, time, onRetry, onDiscard }: { e: OutboxEntry; t: T; time: Intl.DateTimeFormat; onRetry: (id: string) => void; onDiscard: (id: string) => void }) {
  const failed = e.state === 'failed';
  return (
    <li class="db-msg db-msg-me db-unsent" data-testid="message" data-author="visitor" data-state={e.state}>
      <p class="db-bubble">
        <Linkified text={e.body} />
      </p>
      <span class="db-meta">
        <time dateTime={new Date(e.createdAt).toISOString()}>{time.format(e.createdAt)}</time>
        <span> · {failed ? t('stateFailed') : t('statePending')}</span>
        {failed && (
          <>
            {' '}
            <button type="button" class="db-link" onClick={() => onRetry(e.clientId)}>{t('retry')}</button>
            {e.permanent && <button type="button" class="db-link" onClick={() => onDiscard(e.clientId)}>{t('discard')}</button>}
          </>
        )}
      </span>
      {failed && e.permanent && <span class="db-error">{refusal(e.error, t)}</span>}
    </li>
  );
}

/** Why the server refused a message for good, in the shopper's words: the outbox keeps the
 *  error code (the server's own message is English). A timeout or a busy server is no refusal:
 *  the message is simply sent again. */
function refusal(code: string | undefined, t: T): string {
  return code === 'DESKBELL_MESSAGE_TOO_LONG' ? t('tooLong', { n: MAX_MESSAGE_LENGTH_CLIENT })
    : code === 'DESKBELL_ATTACHMENT_NOT_FOUND' ? t('fileGone')
    : t('notAccepted');
}
