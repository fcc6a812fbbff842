// Shoppers' own words: questions whose askers picked an entry among the bot's "Did you
// mean…" offers. One click adds a wording to that entry as a phrasing, so the next shopper
// who asks it so is answered at once instead of offered a choice (measured on held-out
// questions: docs/faq-matcher.md, "Learning from shoppers").
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { LearnedPhrasing } from './faq-api.js';
import { fullTime, shortTime } from './format.js';
import { useI18n } from './i18n/index.js';

interface Props {
  phrasings: LearnedPhrasing[] | null;
  error: string | null;
  onRefresh: () => void;
  /** Resolves to null when added, else the reason to show. */
  onAdd: (item: LearnedPhrasing) => Promise<string | null>;
  onOpenConversation: (conversationId: string) => void;
  /** "Not what they meant": hidden until a shopper asks it so and picks this entry again. */
  onDismiss: (item: LearnedPhrasing) => void;
}

export function FaqLearned({ phrasings, error, onRefresh, onAdd, onOpenConversation, onDismiss }: Props): JSX.Element {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ key: string; reason: string } | null>(null);
  const keyOf = (p: LearnedPhrasing): string => `${p.faqId}|${p.text}`;

  const add = async (item: LearnedPhrasing): Promise<void> => {
    setBusy(keyOf(item));
    setFailed(null);
    const reason = await onAdd(item);
    setBusy(null);
    if (reason) setFailed({ key: keyOf(item), reason });
  };

  return (
    <section class="faq-card faq-learned" aria-labelledby="faq-learned-title" data-testid="faq-learned">
      <div class="faq-card-head">
        <h3 id="faq-learned-title" tabIndex={-1}>{t('faqLearnedTitle')}</h3>
        <button type="button" class="link-button" onClick={onRefresh}>
          {t('faqRefresh')}
        </button>
      </div>
      <p class="muted">{t('faqLearnedIntro')}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {phrasings && phrasings.length === 0 && <p class="muted">{t('faqLearnedEmpty')}</p>}
      {phrasings && phrasings.length > 0 && (
        <ul class="faq-unanswered-list">
          {phrasings.map((p) => (
            <li key={keyOf(p)} data-testid="learned-item" data-count={p.count}>
              <p class="faq-unanswered-text" lang={p.lang}>
                {p.text}
              </p>
              <p class="faq-small">{t('faqLearnedPicked', { question: p.question })}</p>
              <p class="faq-unanswered-meta">
                <strong>{p.count === 1 ? t('faqAskedOnce') : t('faqAskedTimes', { count: p.count })}</strong>
                <span aria-hidden="true"> · </span>
                <time dateTime={new Date(p.lastAskedAt).toISOString()} title={fullTime(p.lastAskedAt, lang)}>
                  {t('faqLastAsked', { time: shortTime(p.lastAskedAt, lang) })}
                </time>
              </p>
              <div class="faq-unanswered-actions">
                <button type="button" class="button secondary" data-testid="learned-add" disabled={busy === keyOf(p)} onClick={() => void add(p)}>
                  {t('faqLearnedAdd')}
                </button>
                <button type="button" class="link-button" onClick={() => onOpenConversation(p.conversationId)}>
                  {t('faqOpenConversation')}
                </button>
                <button type="button" class="link-button" data-testid="learned-dismiss" aria-label={t('faqDismissNamed', { question: p.text })} onClick={() => onDismiss(p)}>
                  {t('faqDismiss')}
                </button>
              </div>
              {failed?.key === keyOf(p) && (
                <p class="form-error" role="alert">
                  {failed.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
