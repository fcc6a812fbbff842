// The open conversation: who and where the shopper is, the whole history, the shopper's
// typing, and the reply box — or, once closed, a notice instead of the reply box.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../protocol.js';
import { CannedManager, cannedFor } from './canned.js';
import { Composer } from './composer.js';
import { ConversationActions, HELD_REASON_ID, SidePanel } from './workbench.js';
import type { Connection } from './connection.js';
import { safeHttpUrl, visitorName } from './format.js';
import { fillParts, useI18n } from './i18n/index.js';
import { Journey } from './journey.js';
import { LINK_REL } from './linkify.js';
import { MessageItem } from './message-item.js';
import { useScrollEdges } from './scroll-edges.js';
import { ErrorReason } from './server-words.js';
import { shopperLang } from './shopper-lang.js';
import { heldByColleague, timeline, type ConsoleState } from './state.js';

interface Props {
  state: ConsoleState;
  connection: Connection;
  onBack: () => void;
}

/** Within this many pixels of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 80;
const NARROW = '(max-width: 800px)';

export function ConversationView({ state, connection, onBack }: Props): JSX.Element {
  const { t } = useI18n();
  const conversation = state.openId ? state.conversations[state.openId] : undefined;
  if (!state.openId || !conversation) {
    return (
      <main id="conversation" class="conversation-pane" tabIndex={-1}>
        <p class="placeholder">{state.openId ? t('loadingConversation') : t('selectConversation')}</p>
      </main>
    );
  }
  return <OpenConversation key={conversation.id} conversation={conversation} state={state} connection={connection} onBack={onBack} />;
}

function OpenConversation({ conversation: c, state, connection, onBack }: Props & { conversation: ConversationSummary }): JSX.Element {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [closing, setClosing] = useState(false);
  // On a wide screen the list stays in view, so the reply box is the useful place for focus;
  // on a narrow one the view replaced the list, so the heading tells where the agent is.
  const [narrow] = useState(() => window.matchMedia(NARROW).matches);
  const isOpen = c.status === 'open';
  const held = heldByColleague(c, state.agent);

  // Only when this conversation appears (the component is keyed by it); a later close moves
  // focus itself.
  useEffect(() => {
    if (narrow || !isOpen) heading.current?.focus();
  }, []);

  // On a phone the side panel (who, pages, notes, canned replies) is below the messages and
  // the reply box: these take the agent there and back without scrolling past them.
  const main = useRef<HTMLDivElement>(null);
  const side = useRef<HTMLDivElement>(null);
  const actionsRow = useRef<HTMLDivElement>(null);
  const actionsFrame = useRef<HTMLDivElement>(null);
  useScrollEdges(actionsRow, actionsFrame);
  const canReply = isOpen && !held;
  // The conversation's body scrolls, and only it: scrollIntoView would scroll the panes that
  // hide their overflow too, and take the top bar and the header off the screen.
  const body = useRef<HTMLDivElement>(null);
  const toDetails = (): void => {
    if (!body.current || !side.current) return;
    body.current.scrollTop += side.current.getBoundingClientRect().top - body.current.getBoundingClientRect().top;
    side.current.focus({ preventScroll: true });
  };
  const toReply = (): void => {
    if (body.current) body.current.scrollTop = 0;
    // The reply box, or (closed, or held by a colleague: no reply box to type in) the messages.
    main.current?.querySelector<HTMLElement>(canReply ? '#composer-text' : '[data-testid=message-list]')?.focus({ preventScroll: true });
  };

  const close = async (): Promise<void> => {
    setClosing(true);
    const ok = await connection.close(c.id);
    setClosing(false);
    // The close button is gone: put focus somewhere that still exists and says what happened.
    if (ok) heading.current?.focus();
  };

  return (
    <main id="conversation" class="conversation-pane" tabIndex={-1} aria-labelledby="conversation-title">
      <header class="conversation-head">
        <button type="button" class="button secondary back" data-testid="back" title={t('back')} onClick={onBack}>
          <span aria-hidden="true">←</span>
          <span class="visually-hidden">{t('back')}</span>
        </button>
        <div class="conversation-title">
          <h2 id="conversation-title" ref={heading} tabIndex={-1}>
            {visitorName(c, t)}
          </h2>
          <p class="muted">
            <span class={`presence ${c.visitorOnline ? 'is-online' : ''}`} aria-hidden="true" />
            {c.visitorOnline ? t('visitorOnline') : t('visitorOffline')}
            {c.status === 'closed' && <span class="tag">{t('statusClosed')}</span>}
          </p>
        </div>
        {/* Only on a phone (styles.css), where the side panel is below the reply box. */}
        <button type="button" class="button secondary jump-to-details" data-testid="to-shopper-details" onClick={toDetails}>
          {t('shopperDetails')}
        </button>
        {/* One row on a phone, scrolled sideways if it must, faded at an edge that has more;
            no box of its own on a wide screen. */}
        <div class="head-actions-frame" ref={actionsFrame}>
          <div class="head-actions" ref={actionsRow}>
            <ConversationActions conversation={c} state={state} connection={connection} />
            {isOpen && (
              <button type="button" class="button secondary" data-testid="close-conversation" disabled={closing || held}
                aria-describedby={held ? HELD_REASON_ID : undefined} title={held ? t('actionsHeld', { name: c.assignedAgent?.name ?? '' }) : undefined}
                onClick={() => void close()}>
                {closing ? t('closing') : t('closeConversation')}
              </button>
            )}
          </div>
        </div>
      </header>
      <ShopperContext conversation={c} />
      {state.notice && (
        <div class="notice" role="alert" data-testid="notice">
          <span>
            {fillParts(t(state.notice.kind === 'closeFailed' ? 'closeFailed' : state.notice.kind === 'actionFailed' ? 'actionFailed' : 'loadFailed'), {
              message: <ErrorReason error={state.notice.error} />,
            })}
          </span>
          <button type="button" class="link-button" onClick={() => connection.dismissNotice()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      <div class="conversation-body" ref={body}>
      <div class="conversation-main" ref={main}>
      <MessageList state={state} conversation={c} connection={connection} />
      {state.typing[c.id] && (
        <p class="typing" data-testid="typing">
          {t('shopperTyping')}
        </p>
      )}
      {isOpen ? (
        <Composer
          key={c.id}
          conversationId={c.id}
          autoFocus={!narrow}
          onSend={(body, files) => connection.send(c.id, body, files)}
          onTyping={() => connection.noteTyping(c.id)}
          onIdle={() => connection.stopTyping()}
          canned={cannedFor(state.canned, c.lang)}
          blocked={held ? t('composerHeld', { name: c.assignedAgent?.name ?? '' }) : null}
        />
      ) : (
        <p class="closed-notice">{t('closedNotice')}</p>
      )}
      </div>
      <div class="side-column" id="shopper-details" ref={side} tabIndex={-1} role="group" aria-label={t('shopperDetails')} data-testid="shopper-details">
        {/* Only on a phone, and it stays at the top of the screen while the panel is read. */}
        <div class="jump-back">
          <button type="button" class="button secondary" data-testid="back-to-reply" onClick={toReply}>
            {t(canReply ? 'backToReply' : 'backToMessages')}
          </button>
        </div>
        <SidePanel conversation={c} state={state} connection={connection} />
        <CannedManager replies={state.canned} connection={connection} />
      </div>
      </div>
    </main>
  );
}

/** Whether a media query matches, following the window as it is resized or turned. */
function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const changed = (): void => setMatches(list.matches);
    changed();
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

/**
 * Where the shopper is and what they looked at. On a wide screen a strip above the messages;
 * on a phone it would take a third of the screen, so it is a disclosure there, closed until
 * the agent opens it, its summary naming the page the shopper is on.
 */
function ShopperContext({ conversation: c }: { conversation: ConversationSummary }): JSX.Element {
  const { t } = useI18n();
  const narrow = useMedia(NARROW);
  if (!narrow) {
    return (
      <section class="shopper" aria-label={t('shopperContext')}>
        <ShopperFacts conversation={c} />
      </section>
    );
  }
  return (
    <details class="shopper shopper-disclosure" data-testid="shopper-context">
      <summary data-testid="shopper-context-toggle">
        <span class="shopper-summary-label">{t('shopperContext')}</span>
        {c.page && <span class="muted"> · {c.page.title || c.page.url}</span>}
      </summary>
      <div class="shopper-body">
        <ShopperFacts conversation={c} />
      </div>
    </details>
  );
}

function ShopperFacts({ conversation: c }: { conversation: ConversationSummary }): JSX.Element {
  const { t, lang } = useI18n();
  const href = c.page ? safeHttpUrl(c.page.url) : null;
  const language = shopperLang(c.lang, t, lang);
  return (
    <>
      <dl>
        <div class="shopper-page" data-testid="visitor-page">
          <dt>{t('currentPage')}</dt>
          <dd>
            {!c.page ? (
              <span class="muted">{t('pageUnknown')}</span>
            ) : href ? (
              <a href={href} target="_blank" rel={LINK_REL} title={c.page.url}>
                {c.page.title || c.page.url}
              </a>
            ) : (
              <span>{c.page.title || c.page.url}</span>
            )}
            {c.page && c.page.title && <span class="page-url">{c.page.url}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('site')}</dt>
          <dd>{c.siteName}</dd>
        </div>
        {language && (
          <div>
            <dt>{t('shopperLanguage')}</dt>
            <dd>{language.name}</dd>
          </div>
        )}
      </dl>
      <Journey conversationId={c.id} />
    </>
  );
}

function MessageList({ state, conversation, connection }: { state: ConsoleState; conversation: ConversationSummary; connection: Connection }): JSX.Element {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const held = state.messages[conversation.id];
  const items = timeline(held ?? [], state.outbox, conversation.id);
  const lastKey = items[items.length - 1]?.key;

  // Keep the newest message in view, unless the agent scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lastKey, items.length]);

  if (held === undefined) {
    return (
      <div class="messages-state">
        {state.load === 'failed' ? (
          <button type="button" class="button secondary" onClick={() => connection.reload()}>
            {t('tryAgain')}
          </button>
        ) : (
          <p class="muted">{t('loadingConversation')}</p>
        )}
      </div>
    );
  }

  return (
    <ol
      ref={list}
      class="messages"
      data-testid="message-list"
      aria-label={t('messages')}
      // Focusable, so the history can be scrolled with the keyboard.
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      {items.map((item) => (
        <MessageItem key={item.key} item={item} conversation={conversation} agentName={state.agent.name} onRetry={(id) => connection.retry(id)} />
      ))}
    </ol>
  );
}
