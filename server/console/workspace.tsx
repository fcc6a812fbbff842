// The signed-in console: header, connection banner, conversation list and the open
// conversation. Owns the store and the connection for one agent's session; at ≤ 800 px it
// shows the list or the conversation, never both (see styles.css).
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentProfile } from '../protocol.js';
import { logout } from './auth.js';
import { Connection } from './connection.js';
import { ConnectionBanner } from './connection-banner.js';
import { ConversationList } from './conversation-list.js';
import { ConversationView } from './conversation-view.js';
import { authorLabel } from './format.js';
import { Header } from './header.js';
import { useI18n } from './i18n/index.js';
import { initialState, Store, type ConsoleState } from './state.js';

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

export function Workspace({ agent, onLoggedOut, onSessionEnded }: Props): JSX.Element {
  const [store] = useState(() => new Store<ConsoleState>(initialState(agent)));
  const [connection] = useState(() => new Connection({ store, onUnauthenticated: onSessionEnded }));
  const state = useStoreState(store);
  // After "back" on a narrow screen, focus returns to the row the agent came from.
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);

  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);

  const open = useCallback((id: string) => connection.open(id), [connection]);
  const back = useCallback(() => {
    setReturnFocusTo(store.get().openId);
    connection.open(null);
  }, [connection, store]);
  const doLogout = useCallback(async () => {
    connection.stop();
    await logout();
    onLoggedOut();
  }, [connection, onLoggedOut]);

  return (
    <div class="workspace" data-view={state.openId ? 'conversation' : 'list'}>
      <Header agentName={state.agent.name} onLogout={() => void doLogout()} />
      <ConnectionBanner status={state.connection} />
      <div class="panes">
        <ConversationList
          state={state}
          onOpen={open}
          onFilter={(f) => connection.setFilter(f)}
          returnFocusTo={returnFocusTo}
          onFocusReturned={() => setReturnFocusTo(null)}
        />
        <ConversationView state={state} connection={connection} onBack={back} />
      </div>
      <Announcer state={state} />
    </div>
  );
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
