// The live conversation list: a filter (open / closed / all) and one button per conversation,
// newest activity first, with unread count, shopper presence and the last message.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../protocol.js';
import { shortTime, fullTime, visitorName } from './format.js';
import { useI18n, type StringKey } from './i18n/index.js';
import { unreadCount, visibleConversations, type ConsoleState, type Filter } from './state.js';
import { ShopperLangTag } from './shopper-lang.js';
import { Team } from './team.js';
import { reasonLabel, waited } from './workbench.js';

interface Props {
  state: ConsoleState;
  onOpen: (id: string) => void;
  onFilter: (filter: Filter) => void;
  returnFocusTo: string | null;
  onFocusReturned: () => void;
  /** Take a conversation from the queue (and open it). */
  onClaim?: (id: string) => void;
  /** Conversations matching a text (messages, name, email, customer id); null when it failed. */
  onSearch?: (text: string) => Promise<string[] | null>;
}

const FILTERS: ReadonlyArray<readonly [Filter, StringKey]> = [
  ['queue', 'filterQueue'],
  ['mine', 'filterMine'],
  ['open', 'filterOpen'],
  ['closed', 'filterClosed'],
  ['all', 'filterAll'],
];

const PREVIEW_CHARS = 140;

export function ConversationList({ state, onOpen, onFilter, returnFocusTo, onFocusReturned, onClaim, onSearch }: Props): JSX.Element {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<string[] | null>(null);
  // Debounced; an older answer never replaces a newer one.
  useEffect(() => {
    const text = query.trim();
    if (!text || !onSearch) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => void onSearch(text).then((ids) => live && setFound(ids ?? [])), 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, onSearch]);
  const rows = found
    ? found.map((id) => state.conversations[id]).filter((c): c is ConversationSummary => c !== undefined)
    : visibleConversations(state.conversations, state.filter, state.openId, state.agent.id);
  const waiting = visibleConversations(state.conversations, 'queue', null).length;
  const now = useNow();

  useEffect(() => {
    if (returnFocusTo === null) return;
    const row = listRef.current?.querySelector<HTMLButtonElement>(`[data-conversation-id="${CSS.escape(returnFocusTo)}"]`);
    row?.focus();
    onFocusReturned();
  }, [returnFocusTo, onFocusReturned]);

  return (
    <nav class="list-pane" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">{t('conversations')}</h2>
        {onSearch && (
          <input type="search" class="search" value={query} aria-label={t('searchLabel')} placeholder={t('searchLabel')} data-testid="search"
            onInput={(e) => setQuery(e.currentTarget.value)} />
        )}
        <div class="filter" role="group" aria-label={t('filterLabel')}>
          {FILTERS.map(([value, key]) => (
            <button
              type="button"
              key={value}
              class="filter-button"
              aria-pressed={state.filter === value}
              data-testid={`filter-${value}`}
              onClick={() => onFilter(value)}
            >
              {t(key)}
              {value === 'queue' && waiting > 0 && <span class="count" data-testid="queue-count"> {waiting}</span>}
            </button>
          ))}
        </div>
      </div>
      {found && <p class="muted search-count" role="status">{t('searchResults', { count: rows.length })}</p>}
      {rows.length === 0 ? (
        <p class="empty">{found ? t('searchNothing') : t('noConversations')}</p>
      ) : (
        <ul class="conversation-list" ref={listRef}>
          {rows.map((c) => (
            <li key={c.id} class={c.queue ? 'queued' : undefined}>
              <Row conversation={c} open={c.id === state.openId} typing={state.typing[c.id] === true} onOpen={onOpen} now={now} />
              {state.filter === 'queue' && c.queue && onClaim && (
                <button type="button" class="button primary claim" data-testid="claim-row" onClick={() => onClaim(c.id)}
                  aria-label={t('claimWho', { name: visitorName(c, t) })}>
                  {t('claim')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Team agents={state.agents} me={state.agent.id} />
    </nav>
  );
}

/** The time now, every 30 s: waiting times move on even when nothing else changes. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Row({ conversation: c, open, typing, onOpen, now }: { conversation: ConversationSummary; open: boolean; typing: boolean; onOpen: (id: string) => void; now: number }): JSX.Element {
  const { t, lang } = useI18n();
  const unread = open ? 0 : unreadCount(c);
  return (
    <button
      type="button"
      class="row"
      data-testid="conversation-row"
      data-conversation-id={c.id}
      data-status={c.status}
      aria-current={open ? 'true' : undefined}
      onClick={() => onOpen(c.id)}
    >
      <span class="row-line">
        <span class={`presence ${c.visitorOnline ? 'is-online' : ''}`} aria-hidden="true" />
        <span class="row-name">{visitorName(c, t)}</span>
        <ShopperLangTag tag={c.lang} />
        <time class="row-time" dateTime={new Date(c.lastActivityAt).toISOString()} title={fullTime(c.lastActivityAt, lang)}>
          {shortTime(c.lastActivityAt, lang)}
        </time>
      </span>
      <span class="row-line">
        <span class={`row-preview ${typing ? 'is-typing' : ''}`}>{typing ? t('visitorTypingShort') : preview(c, t)}</span>
        {unread > 0 && (
          <>
            <span class="unread" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
            <span class="visually-hidden">{t('unread', { count: unread })}</span>
          </>
        )}
      </span>
      <span class="row-line row-meta">
        <span>{c.visitorOnline ? t('visitorOnline') : t('visitorOffline')}</span>
        <span aria-hidden="true">·</span>
        <span class="row-site">{c.siteName}</span>
        {c.status === 'closed' && <span class="tag">{t('statusClosed')}</span>}
        {c.status === 'open' && c.queue ? (
          <span class="tag tag-waiting" data-testid="waiting-tag" title={reasonLabel(c.queue.reason, t)}>
            {t('inLine', { n: c.queue.position, waited: waited(c.queue.since, now, t) })}
          </span>
        ) : c.status === 'open' && c.handoff && c.firstAgentReplyAt === null && (
          <span class="tag tag-waiting" data-testid="waiting-tag" title={t(HANDOFF_REASON[c.handoff.reason])}>
            {/* Handed over and nobody has answered yet: with an agent, it waits for their reply. */}
            {t(c.assignedAgent && c.routing === 'assigned' ? 'waitingForReply' : 'waitingForAgent')}
          </span>
        )}
        {c.status === 'open' && c.assignedAgent && c.routing === 'assigned' && <span class="tag" data-testid="assigned-tag">{c.assignedAgent.name}</span>}
        {c.routing === 'resolved' && c.status === 'open' && <span class="tag">{t('statusResolved')}</span>}
        {c.identity.name && !c.identity.verified && <span class="tag tag-unverified">{t('unverified')}</span>}
      </span>
    </button>
  );
}

const HANDOFF_REASON = {
  asked: 'handoffAsked',
  no_match: 'handoffNoMatch',
  not_helpful: 'handoffNotHelpful',
  declined: 'handoffDeclined',
} as const;

function preview(c: ConversationSummary, t: ReturnType<typeof useI18n>['t']): string {
  const m = c.lastMessage;
  if (!m) return t('noMessagesYet');
  // One line of text: newlines would only be collapsed by CSS, and long bodies cost DOM.
  const body = m.body.replace(/\s+/g, ' ').slice(0, PREVIEW_CHARS);
  if (m.author === 'agent') return t('previewAgent', { body });
  if (m.author === 'bot') return t('previewBot', { body });
  return body;
}
