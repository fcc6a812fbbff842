// The agent's availability: online or away, chosen here; away by itself after a while with
// no keyboard or pointer activity in the console (and back to online on the next, if it was
// automatic). Offline needs no button: it is what closing the last console tab means.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { AgentStatus } from '../protocol.js';
import type { Connection } from './connection.js';
import { useI18n } from './i18n/index.js';

export const IDLE_AWAY_MS = 5 * 60 * 1000;
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focus'] as const;

export function StatusPicker({ status, connection, online }: { status: AgentStatus; connection: Connection; online: boolean }): JSX.Element {
  const { t } = useI18n();
  const auto = useRef(false);
  const current = useRef(status);
  current.current = status;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (current.current !== 'online') return;
        auto.current = true;
        void connection.command('agent:status', { status: 'away' });
      }, IDLE_AWAY_MS);
    };
    const active = (): void => {
      if (auto.current && current.current === 'away') {
        auto.current = false;
        void connection.command('agent:status', { status: 'online' });
      }
      arm();
    };
    for (const e of ACTIVITY) window.addEventListener(e, active, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, active);
    };
  }, [connection]);

  return (
    <label class="status-picker">
      <span class={`status-dot is-${online ? status : 'offline'}`} aria-hidden="true" />
      <span class="visually-hidden">{t('myStatus')}</span>
      <select value={status === 'away' ? 'away' : 'online'} data-testid="status" disabled={!online}
        onChange={(e) => {
          auto.current = false;
          void connection.command('agent:status', { status: e.currentTarget.value === 'away' ? 'away' : 'online' });
        }}>
        <option value="online">{t('statusOnline')}</option>
        <option value="away">{t('statusAway')}</option>
      </select>
    </label>
  );
}
