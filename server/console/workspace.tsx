// The signed-in console: header, connection banner, and one of two views — the
// conversations (list and open conversation) or the FAQ manager. Owns the store and the
// connection for one agent's session, which keep running in the FAQ view; at ≤ 800 px the
// conversations view shows the list or the conversation, never both (see styles.css).
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentProfile } from '../protocol.js';
import { logout } from './auth.js';
import { Connection } from './connection.js';
import { ConnectionBanner } from './connection-banner.js';
import { ConversationList } from './conversation-list.js';
import { ConversationView } from './conversation-view.js';
import { authorLabel, visitorName } from './format.js';
import { notificationsAllowed, notificationsSupported, notify } from './notify.js';
import { FaqManager } from './faq-manager.js';
import { TriggersView } from './triggers-view.js';
import { LazyReportsView } from './reports-lazy.js';
import { Header, VIEW_HASH, type View } from './header.js';
import { useI18n } from './i18n/index.js';
import { initialState, Store, unreadCount, type ConsoleState } from './state.js';
import { useShortcuts } from './shortcuts.js';
import { SettingsView } from './settings-view.js';
import { StatusPicker } from './status-picker.js';

interface Props {
  agent: AgentProfile;
  onLoggedOut: () => void;
  onSessionEnded: () => void;
}

function useStoreState<T extends object>(store: Store<T>): T {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(() => setState(store.get()));
  }, [store]);
  return state;
}

/** The view a hash names; null for other hashes (the skip links' targets), which keep the view. */
function viewOf(hash: string): View | null {
  if (hash === VIEW_HASH.faq) return 'faq';
  if (hash === VIEW_HASH.triggers) return 'triggers';
  if (hash === VIEW_HASH.reports) return 'reports';
  if (hash === VIEW_HASH.settings) return 'settings';
  if (hash === '' || hash === '#' || hash === VIEW_HASH.conversations) return 'conversations';
  return null;
}

/** The view in the address, kept in step with the back and forward buttons. */
function useView(): { view: View; navigated: boolean; show: (view: View) => void } {
  const [state, setState] = useState<{ view: View; navigated: boolean }>(() => ({ view: viewOf(location.hash) ?? 'conversations', navigated: false }));
  useEffect(() => {
    const onHash = (): void => {
      const view = viewOf(location.hash);
      if (view) setState({ view, navigated: true });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const show = useCallback((view: View) => {
    location.hash = VIEW_HASH[view];
  }, []);
  return { ...state, show };
}

export function Workspace({ agent, onLoggedOut, onSessionEnded }: Props): JSX.Element {
  const [store] = useState(() => new Store<ConsoleState>(initialState(agent)));
  const [connection] = useState(() => new Connection({ store, onUnauthenticated: onSessionEnded }));
  const state = useStoreState(store);
  // After "back" on a narrow screen, focus returns to the row the agent came from.
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);
  const { view, navigated, show } = useView();
  const { t } = useI18n();

  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);

  useShortcuts(store, connection, view === 'conversations');
  const [alerts, setAlerts] = useState(notificationsAllowed);
  useEffect(() => {
    connection.onAlert((alert) => {
      const name = visitorName(alert.conversation, t);
      const text = alert.kind === 'assigned'
        ? { title: t('notifyAssigned', { name }), body: alert.note ? t('notifyTransferNote', { by: alert.by ?? '', note: alert.note }) : alert.conversation.lastMessage?.body.slice(0, 140) ?? '' }
        : { title: t('notifyMessage', { name }), body: alert.message.body.slice(0, 140) };
      notify(alert, text, store.get().openId, (id) => {
        show('conversations');
        connection.open(id);
      });
    });
  }, [connection, store, t, show]);

  // The unread count in the tab title, so a background tab shows there is something to read.
  const unread = unreadTotal(state);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${t('documentTitle')}` : t('documentTitle');
  });

  // The FAQ view hides the open conversation, so close it: its new messages then stay unread
  // (and the shopper sees no "seen") until the agent is back to read them.
  useEffect(() => {
    if (view !== 'conversations' && store.get().openId !== null) connection.open(null);
  }, [view, connection, store]);

  const open = useCallback((id: string) => connection.open(id), [connection]);
  const back = useCallback(() => {
    setReturnFocusTo(store.get().openId);
    connection.open(null);
  }, [connection, store]);
  const openFromFaq = useCallback(
    (id: string) => {
      show('conversations');
      connection.open(id);
    },
    [connection, show],
  );
  const claim = useCallback(
    async (id: string) => {
      const res = await connection.command('conversation:claim', { conversationId: id });
      connection.open(id);
      if (res.ok) connection.updated(res.conversation);
      else connection.actionFailed(res.error);
    },
    [connection],
  );
  const search = useCallback(
    async (text: string) => {
      const res = await connection.command('conversations:search', { text });
      if (!res.ok) return null;
      for (const c of res.conversations) connection.updated(c);
      return res.conversations.map((c) => c.id);
    },
    [connection],
  );
  const doLogout = useCallback(async () => {
    connection.stop();
    await logout();
    onLoggedOut();
  }, [connection, onLoggedOut]);

  return (
    <div class="workspace" data-view={state.openId ? 'conversation' : 'list'} data-page={view}>
      <Header agentName={state.agent.name} view={view} unread={unreadTotal(state)} onLogout={() => void doLogout()}
        alerts={notificationsSupported() && !alerts ? (
          <button type="button" class="button secondary icon-button" data-testid="enable-notifications" title={t('enableNotifications')}
            onClick={() => void Notification.requestPermission().then((p) => setAlerts(p === 'granted'))}>
            {/* An SVG, not the 🔔 emoji: machines without an emoji font drew an empty box. */}
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" /></svg>
            <span class="visually-hidden">{t('enableNotifications')}</span>
          </button>
        ) : undefined}
        status={<StatusPicker status={state.agents.find((a) => a.id === state.agent.id)?.status ?? 'online'} connection={connection} online={state.connection === 'online'} />} />
      <ConnectionBanner status={state.connection} />
      {view === 'triggers' ? (
        <TriggersView onSessionEnded={onSessionEnded} />
      ) : view === 'reports' ? (
        <div class="faq-page">
          <LazyReportsView onSessionEnded={onSessionEnded} />
        </div>
      ) : view === 'faq' ? (
        <div class="faq-page">
          <FaqManager focusHeading={navigated} onSessionEnded={onSessionEnded} onOpenConversation={openFromFaq} manager={agent.role === 'manager'} />
        </div>
      ) : view === 'settings' ? (
        <div class="faq-page">
          <SettingsView connection={connection} online={state.connection === 'online'} role={agent.role} focusHeading={navigated} />
        </div>
      ) : (
        <div class="panes">
          <ConversationList
            state={state}
            onOpen={open}
            onFilter={(f) => connection.setFilter(f)}
            returnFocusTo={returnFocusTo}
            onFocusReturned={() => setReturnFocusTo(null)}
            onClaim={claim}
            onSearch={search}
          />
          <ConversationView state={state} connection={connection} onBack={back} />
        </div>
      )}
      <Announcer state={state} />
    </div>
  );
}

/** Unread messages in every conversation but the open one (for the header's badge). */
function unreadTotal(state: ConsoleState): number {
  let total = 0;
  for (const c of Object.values(state.conversations)) if (c.id !== state.openId && c.status === 'open') total += unreadCount(c);
  return total;
}

/** New messages in the open conversation, read out politely by screen readers. */
function Announcer({ state }: { state: ConsoleState }): JSX.Element {
  const { t } = useI18n();
  const m = state.announcement;
  const conversation = m ? state.conversations[m.conversationId] : undefined;
  let text = '';
  if (m) {
    const name = authorLabel(m.author, m.authorName, conversation, t);
    text = t('newMessageFrom', { name, body: m.body.slice(0, 300) });
  }
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </div>
  );
}
