// "Try a question": what the bot would do with a shopper's question, with the site's
// settings — its decision, the language it read the question in, the ranked matches as the
// shopper would see them (in their Chinese script when the bot converts) with their scores,
// and for an answer the text the bot would send.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../protocol.js';
import type { ApiResult, BotSettingsView, FaqTryMatch, FaqTryResult } from './faq-api.js';
import { LANG_NAMES, useI18n, type StringKey, type Translate } from './i18n/index.js';
import { describeError } from './format.js';

interface Props {
  settings: BotSettingsView | null;
  onTry: (question: string, lang: Lang | null) => Promise<ApiResult<FaqTryResult>>;
  onEdit: (faqId: string) => void;
}

const DECISION: Record<FaqTryResult['decision'], StringKey> = {
  answer: 'faqTryAnswer',
  suggest: 'faqTrySuggest',
  escalate: 'faqTryEscalate',
  none: 'faqTryNone',
};

/** Cut, not rounded, to three decimals (as `deskbell faq ask`): 0.7999 never reads 0.800. */
export function scoreText(score: number): string {
  return (Math.floor(score * 1000 + 1e-9) / 1000).toFixed(3);
}

/** Each language in its own words, as the language picker names it. */
function langName(lang: Lang): string {
  return LANG_NAMES.find(([code]) => code === lang)?.[1] ?? lang;
}

export function FaqTry({ settings, onTry, onEdit }: Props): JSX.Element {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const [lang, setLang] = useState<Lang | ''>('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FaqTryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What the shown result answers, so a change of the bot's settings can show it again. */
  const tried = useRef<{ question: string; lang: Lang | null } | null>(null);

  const run = async (asked: { question: string; lang: Lang | null }): Promise<void> => {
    setBusy(true);
    const res = await onTry(asked.question, asked.lang);
    setBusy(false);
    tried.current = res.ok ? asked : null;
    if (res.ok) {
      setResult(res.data);
      setError(null);
    } else {
      setResult(null);
      setError(t('faqTryFailed', { message: describeError(res.error, t) }));
    }
  };

  const submit = (e: Event): void => {
    e.preventDefault();
    if (busy || !question.trim()) return;
    void run({ question, lang: lang || null });
  };

  // A change of the script conversion or the thresholds changes what the shopper would see: show it anew.
  const convertScript = settings?.convertScript;
  const saved = settings?.thresholds;
  useEffect(() => {
    if (tried.current) void run(tried.current);
    // Only when a setting changes, not on every render.
  }, [convertScript, saved?.answer, saved?.suggest, saved?.coverage]);

  const thresholds = settings?.thresholds;
  return (
    <section class="faq-card faq-try" aria-labelledby="faq-try-title">
      <h3 id="faq-try-title">{t('faqTryTitle')}</h3>
      <p class="muted">{t('faqTryIntro')}</p>
      <form class="faq-try-form" onSubmit={submit}>
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
            <p class="faq-try-decision">{result.inKind !== undefined ? t('faqTryInKind') : t(DECISION[result.decision])}</p>
            <p class="muted faq-small" data-testid="faq-try-read-as">{t('faqTryReadAs', { lang: langName(result.lang) })}</p>
            {result.matches.length > 0 && (
              <ol class="faq-try-matches">
                {result.matches.map((m) => <TryMatch key={m.id} match={m} reader={result.lang} t={t} onEdit={onEdit} />)}
              </ol>
            )}
            {result.answer !== undefined && (
              <div class="faq-try-answer" data-testid="faq-try-answer">
                <h4>{t('faqTryBotAnswer')}</h4>
                <p lang={result.matches[0]?.converted ? result.lang : result.matches[0]?.lang}>{result.answer}</p>
              </div>
            )}
            {result.inKind !== undefined && (
              <div class="faq-try-answer" data-testid="faq-try-answer">
                <h4>{t('faqTryBotAnswer')}</h4>
                <p lang={result.lang}>{result.inKind}</p>
              </div>
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

function TryMatch({ match: m, reader, t, onEdit }: { match: FaqTryMatch; reader: Lang; t: Translate; onEdit: (faqId: string) => void }): JSX.Element {
  const entry = t('faqTryEntry', { id: m.id, lang: langName(m.lang) });
  return (
    <li data-testid="faq-try-match" data-faq-id={m.id}>
      <span class="faq-score" aria-hidden="true">
        <span class="faq-score-bar" style={{ width: `${Math.round(Math.max(0, Math.min(1, m.score)) * 100)}%` }} />
      </span>
      <span class="faq-score-value">{t('faqTryScore', { score: scoreText(m.score) })}</span>
      <button type="button" class="link-button faq-try-question" lang={m.converted ? reader : m.lang} title={t('faqEditLabel', { question: m.question })} onClick={() => onEdit(m.id)}>
        {m.question}
      </button>
      <p class="faq-try-meta" data-testid="faq-try-entry">
        {entry}
        {m.converted && ` · ${t('faqTryConverted', { lang: langName(reader) })}`}
      </p>
      {m.matched && (
        <p class="faq-try-meta" data-testid="faq-try-matched">
          {t('faqTryMatchedVia', { lang: langName(m.matched.lang), id: m.matched.id })}
        </p>
      )}
    </li>
  );
}
