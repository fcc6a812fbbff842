// The language picker in the header and on the login page. The choice is remembered.
import type { JSX } from 'preact';
import type { Lang } from '../protocol.js';
import { LANG_NAMES, useI18n } from './i18n/index.js';

export function LanguagePicker(): JSX.Element {
  const { lang, t, setLang } = useI18n();
  return (
    <label class="language-picker">
      <span class="language-label">{t('language')}</span>
      <select
        value={lang}
        data-testid="language"
        onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}
      >
        {LANG_NAMES.map(([code, name]) => (
          <option value={code} lang={code} key={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
