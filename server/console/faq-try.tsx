// "Try a question": what the bot would do with a shopper's question, with the site's
// thresholds — its decision and the ranked matches with their scores.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Lang } from '../protocol.js';
import type { ApiResult, BotSettingsView, MatchResult } from './faq-api.js';
import { LANG_NAMES, useI18n, type StringKey } from './i18n/index.js';
import { describeError } from './format.js';

interface Props {
  settings: BotSettingsView | null;
  onTry: (question: string, lang: Lang | null) => Promise<ApiResult<MatchResult>>;
  onEdit: (faqId: string) => void;
}

const DECISION: Record<MatchResult['decision'], StringKey> = {
  answer: 'faqTryAnswer',
  suggest: 'faqTrySuggest',
  escalate: 'faqTryEscalate',
  none: 'faqTryNone',
};

/** Cut, not rounded, to three decimals (as `deskbell faq ask`): 0.7999 never reads 0.800. */
export function scoreText(score: number): string {
  return (Math.floor(score * 1000 + 1e-9) / 1000).toFixed(3);
}

export function FaqTry({ settings, onTry, onEdit }: Props): JSX.Element {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const [lang, setLang] = useState<Lang | ''>('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MatchResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy || !question.trim()) return;
    setBusy(true);
    const res = await onTry(question, lang || null);
    setBusy(false);
    if (res.ok) {
      setResult(res.data);
      setError(null);
    } else {
      setResult(null);
      setError(t('faqTryFailed', { message: describeError(res.error, t) }));
    }
  };

  const thresholds = settings?.thresholds;
  return (
    <section class="faq-card faq-try" aria-labelledby="faq-try-title">
      <h3 id="faq-try-title">{t('faqTryTitle')}</h3>
      <p class="muted">{t('faqTryIntro')}</p>
      <form class="faq-try-form" onSubmit={(e) => void submit(e)}>
        <label class="faq-field">
          <span>{t('faqTryQuestion')}</span>
          <input type="text" value={question} data-testid="faq-try-question" onInput={(e) => setQuestion(e.currentTarget.value)} />
        </label>
        <div class="faq-try-bar">
          <label class="faq-field">
            <span>{t('faqTryLang')}</span>
            <select value={lang} data-testid="faq-try-lang" onChange={(e) => setLang(e.currentTarget.value as Lang | '')}>
              <option value="">{t('faqTryDetect')}</option>
              {LANG_NAMES.map(([code, name]) => (
                <option value={code} lang={code} key={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="button primary" data-testid="faq-try-submit" disabled={busy || !question.trim()}>
            {t('faqTrySubmit')}
          </button>
        </div>
      </form>
      <div role="status" class="faq-try-result" data-testid="faq-try-result" data-decision={result?.decision}>
        {error && <p class="form-error">{error}</p>}
        {result && (
          <>
            <p class="faq-try-decision">{t(DECISION[result.decision])}</p>
            {result.matches.length > 0 && (
              <ol class="faq-try-matches">
                {result.matches.map((m) => (
                  <li key={m.id} data-testid="faq-try-match" data-faq-id={m.id}>
                    <span class="faq-score" aria-hidden="true">
                      <span class="faq-score-bar" style={{ width: `${Math.round(Math.max(0, Math.min(1, m.score)) * 100)}%` }} />
                    </span>
                    <span class="faq-score-value">{t('faqTryScore', { score: scoreText(m.score) })}</span>
                    <button type="button" class="link-button faq-try-question" title={t('faqEditLabel', { question: m.question })} onClick={() => onEdit(m.id)}>
                      {m.question}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
      {thresholds && (
        <p class="muted faq-small">{t('faqTryThresholds', { answer: thresholds.answer.toFixed(2), suggest: thresholds.suggest.toFixed(2) })}</p>
      )}
    </section>
  );
}
