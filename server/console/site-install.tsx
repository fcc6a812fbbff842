// Putting the chat on the shop: the script tag to copy, the domains whose pages may show the
// chat, and the domains refused lately (server/refused-origins.ts) — a shop on
// https://www.shop.example that allowed https://shop.example sees no chat and, before this,
// no reason outside the browser's developer console. Managers change the domains (the server
// checks); agents see the tag and the list.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ErrorInfo, SiteSettingsView } from '../protocol.js';
import { scriptTag } from '../script-tag.js';
import type { Connection } from './connection.js';
import { shortTime } from './format.js';
import { useI18n } from './i18n/index.js';
import { ErrorReason } from './server-words.js';

interface Props {
  settings: SiteSettingsView;
  manager: boolean;
  connection: Connection;
  onSaved: (settings: SiteSettingsView) => void;
}

/** `https://shop.example` from what an owner types (`shop.example/` too); null if it is no web address. */
export function originFrom(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    // A host name (IDN is already punycode here) or an IP address: not "not%20a%20url", not "*.shop.example".
    const host = /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname);
    return (url.protocol === 'https:' || url.protocol === 'http:') && host ? url.origin : null;
  } catch {
    return null;
  }
}

export function SiteInstall({ settings, manager, connection, onSaved }: Props): JSX.Element {
  const { t, lang } = useI18n();
  const tagBox = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState('');
  const [adding, setAdding] = useState('');
  /** What the last change did: saved, refused by the server (its words), or a domain we could not read. */
  const [note, setNote] = useState<{ text: string; error?: boolean } | { refused: ErrorInfo } | null>(null);
  const [busy, setBusy] = useState(false);
  const tag = scriptTag(settings.publicUrl ?? location.origin, settings.key);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(tag);
      setCopied(t('installCopied'));
    } catch {
      // No clipboard API (a console on plain http), or refused: select it for Ctrl+C.
      tagBox.current?.select();
      setCopied(document.execCommand('copy') ? t('installCopied') : t('installCopyByHand'));
    }
  };

  const save = async (origins: string[]): Promise<boolean> => {
    setBusy(true);
    const res = await connection.command('site:origins', { siteKey: settings.key, origins });
    setBusy(false);
    if (!res.ok) {
      setNote({ refused: res.error });
      return false;
    }
    onSaved(res.settings);
    setNote({ text: t('routingSaved') });
    return true;
  };
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    const origin = originFrom(adding);
    if (!origin) return setNote({ text: t('originInvalid'), error: true });
    if (await save([...settings.origins, origin])) setAdding('');
  };
  const remove = (origin: string): void => {
    if (settings.origins.length === 1 && !confirm(t('originRemoveLast', { origin }))) return;
    void save(settings.origins.filter((o) => o !== origin));
  };

  return (
    <div class="site-install" data-testid="site-install">
      <h3>{t('installTitle')}</h3>
      <p class="hint" id="install-hint">{t('installHint')}</p>
      <textarea ref={tagBox} class="script-tag" readOnly rows={3} spellcheck={false} aria-label={t('installTagLabel')} aria-describedby="install-hint"
        data-testid="script-tag" value={tag} onFocus={(e) => e.currentTarget.select()} />
      <div class="install-actions">
        <button type="button" class="button secondary" data-testid="copy-tag" onClick={() => void copy()}>{t('installCopy')}</button>
        <span class="hint" role="status">{copied}</span>
      </div>

      <h3 id="origins-title">{t('originsTitle')}</h3>
      <p class="hint">{t('originsHint')}</p>
      {settings.origins.length === 0 ? (
        <p class="hint warning" data-testid="origins-none">{t('originsNone')}</p>
      ) : (
        <ul class="origin-list" aria-labelledby="origins-title" data-testid="origins">
          {settings.origins.map((origin) => (
            <li key={origin} data-origin={origin}>
              <code>{origin}</code>
              {manager && (
                <button type="button" class="link-button danger" disabled={busy} aria-label={t('originRemoveLabel', { origin })} onClick={() => remove(origin)}>
                  {t('originRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manager && (
        <form class="origin-add" onSubmit={(e) => void add(e)}>
          <label>
            {t('originLabel')}
            <input type="text" inputMode="url" value={adding} placeholder="https://shop.example" data-testid="origin-input" autoComplete="off"
              aria-describedby="origin-note" onInput={(e) => setAdding(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button secondary" disabled={busy || !adding.trim()} data-testid="origin-add">{t('originAdd')}</button>
        </form>
      )}
      <p class={note && ('refused' in note || note.error) ? 'form-error' : 'hint'} role="status" id="origin-note" data-testid="origin-note">
        {note && ('refused' in note ? <ErrorReason error={note.refused} /> : note.text)}
      </p>

      {manager && settings.refusedOrigins.length > 0 && (
        <div class="refused" data-testid="refused-origins">
          <h3 id="refused-title">{t('refusedTitle')}</h3>
          <p class="hint">{t('refusedHint')}</p>
          <ul class="origin-list" aria-labelledby="refused-title">
            {settings.refusedOrigins.map((r) => (
              <li key={r.origin} data-origin={r.origin}>
                <span>
                  <code>{r.origin}</code>
                  <span class="hint">
                    {' '}
                    {t('refusedCount', { count: r.count, time: shortTime(r.lastAt, lang) })}
                    {r.page && r.page !== `${r.origin}/` && <> · {t('refusedPage', { page: r.page })}</>}
                  </span>
                </span>
                <button type="button" class="button secondary" disabled={busy} aria-label={t('originAllowLabel', { origin: r.origin })}
                  onClick={() => void save([...settings.origins, r.origin])}>
                  {t('originAllow')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
