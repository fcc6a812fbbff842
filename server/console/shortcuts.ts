// Keyboard shortcuts of the conversations view: Alt+↓ / Alt+↑ open the next / previous
// conversation in the list as shown, Alt+R puts the cursor in the reply box. Alt, so they
// never fire while typing a message (a letter alone would).
import { useEffect } from 'preact/hooks';
import type { Connection } from './connection.js';
import { visibleConversations, type ConsoleState, type Store } from './state.js';

export function useShortcuts(store: Store<ConsoleState>, connection: Connection, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const s = store.get();
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const rows = visibleConversations(s.conversations, s.filter, s.openId, s.agent.id);
        if (rows.length === 0) return;
        const at = rows.findIndex((c) => c.id === s.openId);
        const next = e.key === 'ArrowDown' ? Math.min(rows.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
        const target = rows[next];
        if (!target) return;
        e.preventDefault();
        connection.open(target.id);
      } else if (e.code === 'KeyR') {
        const box = document.getElementById('composer-text');
        if (!box) return;
        e.preventDefault();
        box.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, connection, active]);
}
