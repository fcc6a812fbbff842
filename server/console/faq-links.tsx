// Chinese entries the shop wrote in both scripts without linking them, offered as translations
// to link (server/faq/link-suggestions.ts): once linked, a shopper gets the version in their
// own script. Shows nothing when there is nothing to link.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleFaq, FaqApi, TranslationLink } from './faq-api.js';
import { useI18n } from './i18n/index.js';
import { describeError } from './format.js';

interface Props {
  siteKey: string;
  /** The FAQ as listed: suggestions are asked for again whenever it is reloaded. */
  faq: ConsoleFaq | null;
  /** Stable for the view's life: asking again on every render of the page would be a request a keystroke. */
  api: FaqApi;
  onLinked: (count: number) => void;
}

export function FaqLinks({ siteKey, faq, api, onLinked }: Props): JSX.Element | null {
  const { t } = useI18n();
  const [links, setLinks] = useState<TranslationLink[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!faq) return;
    let current = true;
    void api.translationLinks(siteKey).then((res) => {
      if (current && res.ok) setLinks(res.data.links);
    });
    return () => {
      current = false;
    };
  }, [siteKey, faq, api]);

  if (links.length === 0) return null;

  const apply = async (chosen: TranslationLink[]): Promise<void> => {
    setBusy(true);
    const res = await api.link(siteKey, chosen);
    setBusy(false);
    if (!res.ok) return setError(t('faqLinkFailed', { message: describeError(res.error, t) }));
    setError(null);
    onLinked(res.data.linked);
  };

  return (
    <section class="faq-card" aria-labelledby="faq-links-title" data-testid="faq-links">
      <div class="faq-card-head">
        <h3 id="faq-links-title">{t('faqLinksTitle')}</h3>
      </div>
      <p class="muted">{t('faqLinksIntro')}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <ul class="faq-unanswered-list">
        {links.map((l) => (
          <li key={l.topic} data-testid="faq-link">
            {l.entries.map((e) => (
              <p class="faq-unanswered-text" lang={e.lang} key={e.id}>
                {e.question}
              </p>
            ))}
            <div class="faq-unanswered-actions">
              <button type="button" class="button secondary" disabled={busy} data-testid="faq-link-one" aria-label={t('faqLinkNamed', { question: l.entries[0].question })} onClick={() => void apply([l])}>
                {t('faqLinkOne')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {links.length > 1 && (
        <div class="faq-unanswered-actions">
          <button type="button" class="button primary" disabled={busy} data-testid="faq-link-all" onClick={() => void apply(links)}>
            {t('faqLinkAll', { count: links.length })}
          </button>
        </div>
      )}
    </section>
  );
}
