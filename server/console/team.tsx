// Everyone's availability and load, live (agents:update): who can take more, who is away.
// Reassigning is the conversation's Transfer button (managers: any conversation; agents: their own).
import type { JSX } from 'preact';
import type { AgentPresence } from '../protocol.js';
import { useI18n } from './i18n/index.js';

export function Team({ agents, me }: { agents: readonly AgentPresence[]; me: string }): JSX.Element | null {
  const { t } = useI18n();
  if (agents.length === 0) return null;
  return (
    <section class="team" aria-labelledby="team-title" data-testid="team">
      <h2 id="team-title">{t('team')}</h2>
      <ul class="plain">
        {agents.map((a) => (
          <li key={a.id} class="team-row" data-testid="team-row">
            <span class={`status-dot is-${a.status}`} aria-hidden="true" />
            <span class="team-name">
              {a.id === me ? t('teamYou', { name: a.name }) : a.name}
              {a.team && <span class="muted"> · {a.team}</span>}
              {a.languages.length > 0 && <span class="muted"> · {a.languages.join(', ')}</span>}
              {a.role === 'manager' && <span class="tag">{t('roleManager')}</span>}
            </span>
            <span class="muted">{t(a.status === 'online' ? 'statusOnline' : a.status === 'away' ? 'statusAway' : 'statusOffline')}</span>
            {/* "1/3" alone is read "one third", or "1 slash 3": said in words instead, shown as figures. */}
            <span class="team-load" title={t('teamLoad')}>
              <span aria-hidden="true">{a.openChats}/{a.maxChats}</span>
              <span class="visually-hidden">{t('teamLoadWords', { open: a.openChats, max: a.maxChats })}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
