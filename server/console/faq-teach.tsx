// "Add to an entry…" on a question the bot could not answer: the owner says which entry it
// means, and it becomes one more phrasing of that entry — the measured way to make the bot
// better at a shop's own shoppers (docs/faq-matcher.md: phrasings are worth ~20 points of
// accuracy). The entry the bot ranks first for the question is chosen to begin with.
import type { JSX } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../protocol.js';
import type { ApiResult, FaqEntryData, FaqTryResult, UnansweredGroup } from './faq-api.js';
import { useI18n } from './i18n/index.js';

type EntryChoice = Pick<FaqEntryData, 'id' | 'lang' | 'question'>;

interface Props {
  group: UnansweredGroup;
  /** The site's entries: those of the question's language group are offered. */
  entries: EntryChoice[];
  onSuggest: (question: string, lang: Lang) => Promise<ApiResult<FaqTryResult>>;
  /** Resolves to null when added, else the reason to show. */
  onTeach: (group: UnansweredGroup, entry: EntryChoice) => Promise<string | null>;
}

/** Chinese in either script is matched as one language (the index folds them together). */
const family = (lang: Lang): string => (lang.startsWith('zh') ? 'zh' : lang);

export function FaqTeach({ group, entries, onSuggest, onTeach }: Props): JSX.Element {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const offered = entries.filter((e) => family(e.lang) === family(group.lang));

  // Focus in the same commit that draws the form, so keyboard and screen-reader users land on
  // the choice before anything else can take the focus (a later effect raced with them).
  useLayoutEffect(() => {
    if (open) select.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void onSuggest(group.text, group.lang).then((res) => {
      const best = res.ok ? res.data.matches.find((m) => offered.some((e) => e.id === m.id)) : undefined;
      if (live) setChoice((current) => current || best?.id || offered[0]?.id || '');
    });
    return () => {
      live = false;
    };
    // Asked once each time the form opens.
  }, [open]);

  const close = (): void => {
    setOpen(false);
    setError(null);
    toggle.current?.focus();
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const entry = offered.find((x) => x.id === choice);
    if (!entry) return;
    setBusy(true);
    const reason = await onTeach(group, entry);
    setBusy(false);
    if (reason) setError(reason);
    else setOpen(false);
  };

  return (
    <div class="faq-teach">
      <button type="button" ref={toggle} class="link-button" aria-expanded={open} aria-controls={`${id}-form`} data-testid="unanswered-teach" onClick={() => (open ? close() : setOpen(true))}>
        {t('faqTeach')}
      </button>
      {open && (
        <form id={`${id}-form`} class="faq-teach-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && close()}>
          {offered.length === 0 ? (
            <p class="muted faq-small">{t('faqTeachNone')}</p>
          ) : (
            <>
              <label for={`${id}-entry`}>{t('faqTeachLabel')}</label>
              <select id={`${id}-entry`} ref={select} value={choice} data-testid="unanswered-teach-entry" onChange={(e) => setChoice(e.currentTarget.value)}>
                {offered.map((e) => (
                  <option key={e.id} value={e.id} lang={e.lang}>
                    {e.question}
                  </option>
                ))}
              </select>
              <div class="faq-teach-actions">
                <button type="submit" class="button primary" disabled={busy || !choice} data-testid="unanswered-teach-submit">
                  {t('faqTeachSubmit')}
                </button>
                <button type="button" class="button secondary" onClick={close}>
                  {t('faqTeachCancel')}
                </button>
              </div>
            </>
          )}
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
