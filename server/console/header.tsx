// The console's top bar: product name, the two views (conversations, FAQ), language, who
// is signed in, log out.
import type { JSX } from 'preact';
import { useI18n } from './i18n/index.js';
import { LanguagePicker } from './language-picker.js';

export type View = 'conversations' | 'faq' | 'triggers' | 'reports' | 'settings';

/** The views' addresses: a hash, so reload and the back button keep the agent's place. */
export const VIEW_HASH: Record<View, string> = { conversations: '#/', faq: '#/faq', triggers: '#/triggers', reports: '#/reports', settings: '#/settings' };

interface Props {
  agentName: string;
  view: View;
  /** Conversations with unread messages, shown on the Conversations link. */
  unread: number;
  onLogout: () => void;
  /** The availability picker (online / away). */
  status?: JSX.Element;
  /** "Turn on notifications", while they are off. */
  alerts?: JSX.Element;
}

export function Header({ agentName, view, unread, onLogout, status, alerts }: Props): JSX.Element {
  const { t } = useI18n();
  return (
    <header class="topbar">
      {view !== 'conversations' ? (
        <a class="skip-link" href={`#${view}`}>
          {t(view === 'faq' ? 'skipToFaq' : view === 'triggers' ? 'skipToTriggers' : view === 'reports' ? 'skipToReports' : 'skipToSettings')}
        </a>
      ) : (
        <a class="skip-link" href="#conversation">
          {t('skipToConversation')}
        </a>
      )}
      <h1 class="brand">{t('appName')}</h1>
      <nav class="views" aria-label={t('views')}>
        <a href={VIEW_HASH.conversations} class="view-link" aria-current={view === 'conversations' ? 'page' : undefined} data-testid="nav-conversations">
          {t('conversations')}
          {unread > 0 && (
            <>
              <span class="unread" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
              <span class="visually-hidden">{t('unread', { count: unread })}</span>
            </>
          )}
        </a>
        <a href={VIEW_HASH.faq} class="view-link" aria-current={view === 'faq' ? 'page' : undefined} data-testid="nav-faq">
          {t('navFaq')}
        </a>
        <a href={VIEW_HASH.triggers} class="view-link" aria-current={view === 'triggers' ? 'page' : undefined} data-testid="nav-triggers">
          {t('navTriggers')}
        </a>
        <a href={VIEW_HASH.reports} class="view-link" aria-current={view === 'reports' ? 'page' : undefined} data-testid="nav-reports">
          {t('navReports')}
        </a>
        <a href={VIEW_HASH.settings} class="view-link" aria-current={view === 'settings' ? 'page' : undefined} data-testid="nav-settings">
          {t('navSettings')}
        </a>
      </nav>
      <div class="topbar-end">
        {alerts}
        {status}
        <LanguagePicker />
        <span class="signed-in">{t('signedInAs', { name: agentName })}</span>
        <button type="button" class="button secondary" data-testid="logout" onClick={onLogout}>
          {t('logout')}
        </button>
      </div>
    </header>
  );
}
