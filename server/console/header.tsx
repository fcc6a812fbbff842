// The console's top bar: product name, language, who is signed in, log out.
import type { JSX } from 'preact';
import { useI18n } from './i18n/index.js';
import { LanguagePicker } from './language-picker.js';

export function Header({ agentName, onLogout }: { agentName: string; onLogout: () => void }): JSX.Element {
  const { t } = useI18n();
  return (
    <header class="topbar">
      <a class="skip-link" href="#conversation">
        {t('skipToConversation')}
      </a>
      <h1 class="brand">{t('appName')}</h1>
      <div class="topbar-end">
        <LanguagePicker />
        <span class="signed-in">{t('signedInAs', { name: agentName })}</span>
        <button type="button" class="button secondary" data-testid="logout" onClick={onLogout}>
          {t('logout')}
        </button>
      </div>
    </header>
  );
}
