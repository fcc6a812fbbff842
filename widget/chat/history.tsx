// The shopper's earlier conversations: a list (date and last message), one opened to read
// (read-only), and "start a new conversation". Shown in place of the chat until "Back".
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang, Message, VisitorConversationItem } from '../../server/protocol.js';
import type { Translate } from '../i18n/translate.js';
import type { ChatConnection } from '../transport.js';
import { Files, caption, type LoadFile } from './attachments.js';
import { Linkified } from './linkify.js';

type T = Translate;

interface Props {
  t: T;
  lang: Lang;
  connection: ChatConnection;
  load: LoadFile;
  /** The conversation on screen, left out of the list. */
  currentId: string | null;
  onBack: () => void;
  /** Offered while there is a conversation to leave. */
  onNew: (() => void) | null;
}

export function History({ t, lang, connection, load, currentId, onBack, onNew }: Props) {
  const [items, setItems] = useState<VisitorConversationItem[] | null>(null);
  const [reading, setReading] = useState<{ item: VisitorConversationItem; messages: Message[] } | null>(null);
  useEffect(() => void connection.history().then((list) => setItems((list ?? []).filter((c) => c.id !== currentId))), []);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  // The button pressed goes away with the view it was in: focus goes to the conversation's
  // heading, and back to the item it was opened from, so a keyboard user keeps their place.
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const openedAt = useRef(-1);
  useEffect(() => {
    if (reading) heading.current?.focus();
    else list.current?.querySelectorAll('button')[openedAt.current]?.focus();
  }, [reading]);
  const open = async (item: VisitorConversationItem, at: number): Promise<void> => {
    const messages = await connection.read(item.id);
    openedAt.current = at;
    if (messages) setReading({ item, messages });
  };

  return (
    <div class="db-messages db-history" role="region" aria-label={t('earlier')} data-testid="history">
      <p>
        <button type="button" class="db-link" onClick={() => (reading ? setReading(null) : onBack())}><span aria-hidden="true">← </span>{reading ? t('earlier') : t('backToChat')}</button>
      </p>
      {reading ? (
        <>
          <h3 class="db-history-title" ref={heading} tabIndex={-1}>{t('conversationOf', { date: date.format(reading.item.createdAt) })}</h3>
          <ol class="db-history-list" data-testid="history-messages">
            {reading.messages.map((m) => (
              <li key={m.id} class={`db-msg ${m.author === 'visitor' ? 'db-msg-me' : 'db-msg-them'}`}>
                {m.author !== 'visitor' && <span class="db-author">{m.author === 'bot' ? t('bot') : (m.authorName ?? t('agent'))}</span>}
                {caption(m.body, m.attachments) && <p class="db-bubble"><Linkified text={caption(m.body, m.attachments)} /></p>}
                <Files files={m.attachments} t={t} load={load} />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <>
          {onNew && <button type="button" class="db-chip" data-testid="start-new" onClick={onNew}>{t('startNew')}</button>}
          <h3 class="db-history-title">{t('earlier')}</h3>
          {items !== null && items.length === 0 && <p class="db-bot-note">{t('noEarlier')}</p>}
          <ul class="db-history-list" ref={list}>
            {(items ?? []).map((c, at) => (
              <li key={c.id}>
                <button type="button" class="db-history-item" data-testid="history-item" onClick={() => void open(c, at)}>
                  <time dateTime={new Date(c.createdAt).toISOString()}>{date.format(c.createdAt)}</time>
                  <span>{c.lastMessage ? c.lastMessage.body.slice(0, 80) : '…'}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
