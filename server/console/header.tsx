// The console's top bar: product name, the views, availability, language, who is signed in,
// log out. On a phone the less frequent of these (language, who, log out) sit behind one
// disclosure button, so the bar is two short rows and the conversation gets the screen.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
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
  const nav = useRef<HTMLElement>(null);
  // On a phone the views are a row that scrolls sideways: keep the current one in sight
  // (Settings, opened from a link or after a reload, is past the screen's edge in Thai).
  useEffect(() => {
    nav.current?.querySelector('[aria-current=page]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [view]);
  return (
    <header class="topbar" data-testid="topbar">
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
      <nav class="views" aria-label={t('views')} ref={nav}>
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
        <AccountMenu agentName={agentName} onLogout={onLogout} />
      </div>
    </header>
  );
}

const MENU_ID = 'topbar-menu';

/**
 * Language, who is signed in, log out. On a wide screen they stand in the bar as they are and
 * the toggle is not shown (styles.css); on a phone the toggle opens them under the bar.
 * A disclosure, not an ARIA menu: its contents are ordinary controls (a select, a button).
 */
function AccountMenu({ agentName, onLogout }: { agentName: string; onLogout: () => void }): JSX.Element {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // A tap or click anywhere else closes it, as a menu would.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  return (
    <div class="account" ref={root}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        setOpen(false);
        toggle.current?.focus();
      }}>
      <button type="button" ref={toggle} class="button secondary icon-button account-toggle" data-testid="account-toggle"
        aria-expanded={open} aria-controls={MENU_ID} title={t('accountMenu')} onClick={() => setOpen(!open)}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M4 6h16M4 12h16M4 18h16" /></svg>
        <span class="visually-hidden">{t('accountMenu')}</span>
      </button>
      <div id={MENU_ID} class="account-items" data-open={open ? '' : undefined}>
        <LanguagePicker />
        {/* The title: on a wide screen the text gives way to the views, down to an ellipsis. */}
        <span class="signed-in" title={t('signedInAs', { name: agentName })}>{t('signedInAs', { name: agentName })}</span>
        <button type="button" class="button secondary" data-testid="logout" onClick={onLogout}>
          {t('logout')}
        </button>
      </div>
    </div>
  );
}
