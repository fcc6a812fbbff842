// A site's settings in the console: the script tag and allowed domains (site-install.tsx),
// automatic or manual routing, business hours, consent mode,
// how the widget looks (widget-look.tsx), and the identity secret the shop signs
// Deskbell.identify() with (hidden until asked for). Only managers may change them (the
// server checks; the form says so).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RoutingMode, SiteSettingsView } from '../protocol.js';
import { OFFLINE, type Connection } from './connection.js';
import { useI18n } from './i18n/index.js';
import { describeError } from './format.js';
import { SiteInstall } from './site-install.js';
import { WidgetLook } from './widget-look.js';

/** `online`: the console's socket is connected; settings are asked for over it, so not before. */
export function SiteSettings({ connection, online }: { connection: Connection; online: boolean }): JSX.Element | null {
  const { t } = useI18n();
  const [sites, setSites] = useState<Array<{ key: string; name: string }>>([]);
  const [key, setKey] = useState<string | null>(null);
  const [settings, setSettings] = useState<SiteSettingsView | null>(null);
  const [reveal, setReveal] = useState(false);
  const [saved, setSaved] = useState('');
  const [hoursText, setHoursText] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [hoursNote, setHoursNote] = useState('');
  const [consentNote, setConsentNote] = useState('');

  useEffect(() => {
    void fetch('/api/sites', { credentials: 'same-origin' })
      .then((res) => (res.ok ? (res.json() as Promise<{ sites: Array<{ key: string; name: string }> }>) : { sites: [] }))
      .then(({ sites: list }) => {
        setSites(list);
        setKey(list[0]?.key ?? null);
      })
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    // Opened straight at #/faq (a reload, a bookmark), the socket is still connecting: asking
    // then is refused as offline, and the settings would never show. Ask once it is up.
    if (!key || !online) return;
    void connection.command('site:settings', { siteKey: key }).then((res) => {
      if (!res.ok && res.error.code === OFFLINE) return; // asked again when back online
      setSettings(res.ok ? res.settings : null);
      if (res.ok && res.settings.hours) {
        setHoursText(res.settings.hours.text);
        setTimeZone(res.settings.hours.timeZone);
      }
    });
  }, [key, connection, online]);
  useEffect(() => setReveal(false), [key]);

  if (!key || !settings) return null;
  // Only managers are shown the secret (server/roles.ts): the same answer tells us the role.
  const manager = settings.identitySecret !== null;
  const setMode = async (mode: RoutingMode): Promise<void> => {
    const res = await connection.command('site:routing', { siteKey: key, mode });
    if (res.ok) {
      setSettings(res.settings);
      setSaved(t('routingSaved'));
    }
  };
  const setConsent = async (consent: boolean): Promise<void> => {
    const res = await connection.command('site:consent', { siteKey: key, consent });
    if (!res.ok) return setConsentNote(describeError(res.error, t));
    setSettings(res.settings);
    setConsentNote(t('routingSaved'));
  };
  const saveHours = async (e: Event): Promise<void> => {
    e.preventDefault();
    const text = hoursText.trim();
    const res = await connection.command('site:hours', { siteKey: key, hours: text ? { timeZone: timeZone.trim(), text } : null });
    if (!res.ok) return setHoursNote(describeError(res.error, t));
    setSettings(res.settings);
    setHoursText(res.settings.hours?.text ?? '');
    setHoursNote(t('routingSaved'));
  };
  return (
    <section class="site-settings" aria-labelledby="site-settings-title" data-testid="site-settings">
      <h2 id="site-settings-title">{t('siteSettings')}</h2>
      {sites.length > 1 && (
        <label>
          {t('site')}{' '}
          <select value={key} onChange={(e) => setKey(e.currentTarget.value)}>
            {sites.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </select>
        </label>
      )}
      {!manager && <p class="hint" data-testid="managers-only">{t('managersOnly')}</p>}
      <SiteInstall key={key} settings={settings} manager={manager} connection={connection} onSaved={setSettings} />
      <fieldset disabled={!manager}>
        <legend>{t('routingMode')}</legend>
        {(['auto', 'manual'] as const).map((mode) => (
          <label key={mode} class="radio">
            <input type="radio" name="routing" value={mode} checked={settings.routing === mode} data-testid={`routing-${mode}`}
              onChange={() => void setMode(mode)} />
            {t(mode === 'auto' ? 'routingAuto' : 'routingManual')}
          </label>
        ))}
        <p class="hint" role="status">{saved}</p>
      </fieldset>
      <form class="note-form" onSubmit={(e) => void saveHours(e)}>
        <fieldset disabled={!manager} class="plain-fieldset">
        <h3>{t('businessHours')}</h3>
        <p class="hint">{t('businessHoursHint')}</p>
        <label>
          {t('businessHoursText')}
          <input value={hoursText} placeholder="mon-fri 09:00-18:00, sat 10:00-14:00" data-testid="hours-text" onInput={(e) => setHoursText(e.currentTarget.value)} />
        </label>
        <label>
          {t('timeZone')}
          <input value={timeZone} data-testid="hours-zone" onInput={(e) => setTimeZone(e.currentTarget.value)} />
        </label>
        <p class="hint" role="status" data-testid="hours-note">{hoursNote}</p>
        <button type="submit" class="button secondary" data-testid="hours-save">{t('saveHours')}</button>
        </fieldset>
      </form>
      <fieldset disabled={!manager}>
        <legend>{t('consentTitle')}</legend>
        <label class="radio">
          <input type="checkbox" checked={settings.consent} data-testid="consent-mode" aria-describedby="consent-hint"
            onChange={(e) => void setConsent(e.currentTarget.checked)} />
          {t('consentLabel')}
        </label>
        <p class="hint" id="consent-hint">{t('consentHint')}</p>
        <p class="hint" role="status" data-testid="consent-note">{consentNote}</p>
      </fieldset>
      <WidgetLook key={key} siteKey={key} siteName={settings.name} theme={settings.theme} manager={manager} connection={connection} onSaved={setSettings} />
      <div>
        <h3>{t('identitySecret')}</h3>
        <p class="hint">{t('identitySecretHint')}</p>
        {!manager ? <p class="hint">{t('secretManagersOnly')}</p> : reveal ? <code class="secret" data-testid="identity-secret">{settings.identitySecret}</code> : (
          <button type="button" class="button secondary" onClick={() => setReveal(true)}>{t('showSecret')}</button>
        )}
      </div>
    </section>
  );
}
