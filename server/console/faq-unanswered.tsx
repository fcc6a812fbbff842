// The questions the bot could not answer well, grouped and counted by the server, most
// asked first: what to add to the FAQ next, each one a click away from a new entry.
import type { JSX } from 'preact';
import type { ComponentProps } from 'preact';
import type { UnansweredGroup, UnansweredReport } from './faq-api.js';
import { FaqTeach } from './faq-teach.js';
import { fullTime, shortTime } from './format.js';
import { useI18n, type StringKey } from './i18n/index.js';

interface Props {
  report: UnansweredReport | null;
  error: string | null;
  onRefresh: () => void;
  onCreate: (group: UnansweredGroup) => void;
  onOpenConversation: (conversationId: string) => void;
  /** "This needs no entry": hidden until a shopper asks it again. */
  onDismiss: (group: UnansweredGroup) => void;
  /** "Add to an entry…": the entries to offer, the bot's suggestion, and the adding. */
  teach: Omit<ComponentProps<typeof FaqTeach>, 'group'>;
}

const REASONS: ReadonlyArray<readonly [keyof UnansweredGroup['reasons'], StringKey]> = [
  ['no_match', 'faqReasonNoMatch'],
  ['declined', 'faqReasonDeclined'],
  ['not_helpful', 'faqReasonNotHelpful'],
];

export function FaqUnanswered({ report, error, onRefresh, onCreate, onOpenConversation, onDismiss, teach }: Props): JSX.Element {
  const { t, lang } = useI18n();
  return (
    <section class="faq-card faq-unanswered" aria-labelledby="faq-unanswered-title" data-testid="faq-unanswered">
      <div class="faq-card-head">
        <h3 id="faq-unanswered-title" tabIndex={-1}>{t('faqUnansweredTitle')}</h3>
        <button type="button" class="link-button" data-testid="faq-unanswered-refresh" onClick={onRefresh}>
          {t('faqRefresh')}
        </button>
      </div>
      <p class="muted">{t('faqUnansweredIntro')}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {report && report.groups.length === 0 && <p class="muted">{t('faqUnansweredEmpty')}</p>}
      {report && report.groups.length > 0 && (
        <ul class="faq-unanswered-list">
          {report.groups.map((g) => (
            <li key={`${g.text}|${g.lastAskedAt}`} data-testid="unanswered-item" data-count={g.count}>
              <p class="faq-unanswered-text" lang={g.lang}>
                {g.text}
              </p>
              <p class="faq-unanswered-meta">
                <strong>{g.count === 1 ? t('faqAskedOnce') : t('faqAskedTimes', { count: g.count })}</strong>
                <span aria-hidden="true"> · </span>
                <time dateTime={new Date(g.lastAskedAt).toISOString()} title={fullTime(g.lastAskedAt, lang)}>
                  {t('faqLastAsked', { time: shortTime(g.lastAskedAt, lang) })}
                </time>
              </p>
              <p class="faq-unanswered-reasons">
                {REASONS.filter(([reason]) => g.reasons[reason] > 0).map(([reason, key]) => (
                  <span class="tag" key={reason}>
                    {t(key, { count: g.reasons[reason] })}
                  </span>
                ))}
              </p>
              {g.answeredBy && <p class="faq-ok faq-small">{t('faqAnsweredNow', { question: g.answeredBy.question })}</p>}
              <div class="faq-unanswered-actions">
                <button type="button" class="button secondary" data-testid="unanswered-create" onClick={() => onCreate(g)}>
                  {t('faqCreateFrom')}
                </button>
                <button type="button" class="link-button" onClick={() => onOpenConversation(g.conversationId)}>
                  {t('faqOpenConversation')}
                </button>
                <button type="button" class="link-button" data-testid="unanswered-dismiss" aria-label={t('faqDismissNamed', { question: g.text })} onClick={() => onDismiss(g)}>
                  {t('faqDismiss')}
                </button>
              </div>
              <FaqTeach group={g} {...teach} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
