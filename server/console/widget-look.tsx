// The widget's look, set by a manager in the chat settings: the accent colour (picker or code),
// the side of the page, the greeting per widget language and the language it starts in, with
// a small live preview drawn in the colours the widget will really use, and a note when the
// widget will change them to stay readable (server/colour.ts). Saved with `site:theme`.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { accentOnWhite, contrastRatio, isHexColour, normaliseHex, textOnAccent, WHITE } from '../colour.js';
import { LANGS, MAX_GREETING_LENGTH, type Lang, type SiteSettingsView } from '../protocol.js';
import { en as widgetEn } from '../../widget/i18n/en.js';
import { th as widgetTh } from '../../widget/i18n/th.js';
import { zhCN as widgetZhCN } from '../../widget/i18n/zh-CN.js';
import { zhTW as widgetZhTW } from '../../widget/i18n/zh-TW.js';
import type { Connection } from './connection.js';
import { describeError } from './format.js';
import { LANG_NAMES, useI18n, type Translate } from './i18n/index.js';

/** What the widget says when the shop sets no greeting: shown as the field's placeholder and in the preview. */
const WIDGET_GREETING: Record<Lang, string> = { en: widgetEn.greeting, 'zh-TW': widgetZhTW.greeting, 'zh-CN': widgetZhCN.greeting, th: widgetTh.greeting };

type Theme = SiteSettingsView['theme'];

/** What the widget will do with this colour, in the owner's words: a note, not an error. */
function readability(accent: string, t: Translate): string[] {
  const notes: string[] = [];
  if (textOnAccent(accent) !== WHITE) notes.push(t('lookDarkText'));
  const onWhite = accentOnWhite(accent);
  if (onWhite !== normaliseHex(accent)) notes.push(t('lookDarkerShade', { colour: onWhite }));
  if (notes.length === 0) notes.push(t('lookReadable', { ratio: contrastRatio(accent, WHITE).toFixed(1) }));
  return notes;
}

export function WidgetLook({ siteKey, siteName, theme, manager, connection, onSaved }: {
  siteKey: string;
  siteName: string;
  theme: Theme;
  manager: boolean;
  connection: Connection;
  onSaved: (settings: SiteSettingsView) => void;
}): JSX.Element {
  const { t, lang: consoleLang } = useI18n();
  const [accent, setAccent] = useState(theme.accentColor);
  const [position, setPosition] = useState(theme.position);
  const [greeting, setGreeting] = useState<Record<Lang, string>>(() => ({ en: '', 'zh-TW': '', 'zh-CN': '', th: '', ...theme.greeting }));
  const [defaultLang, setDefaultLang] = useState<Lang | null>(theme.defaultLang);
  const [note, setNote] = useState('');

  const valid = isHexColour(accent);
  // While the code is being typed, the preview keeps the last colour that was one.
  const [shown, setShown] = useState(normaliseHex(theme.accentColor));
  const colour = valid ? normaliseHex(accent) : shown;
  const changeAccent = (value: string): void => {
    setAccent(value);
    if (!isHexColour(value)) return;
    setShown(normaliseHex(value));
    setNote(''); // a "write it like…" from the last save no longer applies
  };
  const previewLang = defaultLang ?? consoleLang;

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!valid) return setNote(t('lookBadColour'));
    const res = await connection.command('site:theme', { siteKey, accentColor: accent, position, greeting, defaultLang });
    if (!res.ok) return setNote(describeError(res.error, t));
    onSaved(res.settings);
    setNote(t('routingSaved'));
  };

  return (
    <form class="note-form widget-look" onSubmit={(e) => void save(e)} data-testid="widget-look">
      <fieldset disabled={!manager} class="plain-fieldset">
        <h3>{t('lookTitle')}</h3>
        <p class="hint">{t('lookHint')}</p>
        <div class="look-grid">
          <div class="look-fields">
            <div class="look-colour">
              <label>
                {t('lookAccent')}
                <input type="color" value={colour} data-testid="look-accent-picker" onInput={(e) => changeAccent(e.currentTarget.value)} />
              </label>
              <label>
                {t('lookAccentCode')}
                <input value={accent} maxLength={7} spellcheck={false} autocomplete="off" data-testid="look-accent" aria-describedby="look-readable"
                  aria-invalid={!valid} onInput={(e) => changeAccent(e.currentTarget.value.trim())} />
              </label>
            </div>
            <ul class="hint look-readable" id="look-readable" data-testid="look-readable">
              {readability(colour, t).map((line) => <li key={line}>{line}</li>)}
            </ul>
            <fieldset class="plain-fieldset look-side">
              <legend>{t('lookSide')}</legend>
              {(['right', 'left'] as const).map((side) => (
                <label key={side} class="radio">
                  <input type="radio" name="look-side" value={side} checked={position === side} data-testid={`look-side-${side}`} onChange={() => setPosition(side)} />
                  {t(side === 'right' ? 'lookRight' : 'lookLeft')}
                </label>
              ))}
            </fieldset>
            <label>
              {t('lookLang')}
              <select value={defaultLang ?? ''} data-testid="look-lang" onChange={(e) => setDefaultLang(LANGS.find((l) => l === e.currentTarget.value) ?? null)}>
                <option value="">{t('lookLangBrowser')}</option>
                {LANG_NAMES.map(([code, name]) => <option key={code} value={code} lang={code}>{name}</option>)}
              </select>
            </label>
          </div>
          <Preview colour={colour} position={position} siteName={siteName} lang={previewLang}
            greeting={greeting[previewLang].trim() || WIDGET_GREETING[previewLang]} t={t} />
        </div>
        <fieldset class="plain-fieldset look-greetings">
          <legend>{t('lookGreetings')}</legend>
          <p class="hint" id="look-greeting-hint">{t('lookGreetingHint')}</p>
          {LANG_NAMES.map(([code, name]) => (
            <label key={code}>
              {name}
              <textarea rows={2} lang={code} maxLength={MAX_GREETING_LENGTH} value={greeting[code]} placeholder={WIDGET_GREETING[code]}
                aria-describedby="look-greeting-hint" data-testid={`look-greeting-${code}`}
                onInput={(e) => setGreeting({ ...greeting, [code]: e.currentTarget.value })} />
            </label>
          ))}
        </fieldset>
        <p class="hint" role="status" data-testid="look-note">{note}</p>
        <button type="submit" class="button secondary" data-testid="look-save">{t('lookSave')}</button>
      </fieldset>
    </form>
  );
}

/** The launcher and the panel's first lines, in the colours the widget will use. */
function Preview({ colour, position, siteName, lang, greeting, t }: {
  colour: string; position: 'left' | 'right'; siteName: string; lang: Lang; greeting: string; t: Translate;
}): JSX.Element {
  const onAccent = textOnAccent(colour);
  const chip = accentOnWhite(colour);
  return (
    <figure class={`look-preview look-${position}`} data-testid="look-preview">
      <figcaption class="hint">{t('lookPreview')}</figcaption>
      <div class="look-panel">
        <p class="look-header" style={{ background: colour, color: onAccent }}>{siteName}</p>
        <p class="look-bubble" lang={lang} data-testid="look-preview-greeting">{greeting}</p>
        <p class="look-bubble look-mine" style={{ background: colour, color: onAccent }} data-testid="look-preview-mine">{t('lookPreviewMine')}</p>
        <span class="look-chip" style={{ color: chip, borderColor: chip }}>{t('lookPreviewChip')}</span>
      </div>
      <span class="look-launcher" style={{ background: colour, color: onAccent }} data-testid="look-preview-launcher">
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
          <path fill="currentColor" d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.6.5-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z" />
        </svg>
      </span>
    </figure>
  );
}
