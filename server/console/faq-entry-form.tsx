// The add / edit form of one FAQ entry, in a modal dialog (the browser's own: it keeps
// focus inside, Escape cancels, focus goes back where it was). The server checks the entry
// with the file format's rules; its reasons are shown next to the fields they are about.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../protocol.js';
import type { ApiResult, FaqEntryData, FaqEntryFields } from './faq-api.js';
import { LANG_NAMES, useI18n, type StringKey } from './i18n/index.js';
import { describeError } from './format.js';

/** What the form starts from: an entry to edit, or a draft (e.g. from an unanswered question). */
export type EntryDraft = { kind: 'edit'; entry: FaqEntryData } | { kind: 'add'; question?: string; lang: Lang };

interface Props {
  draft: EntryDraft;
  /** The site's topics, offered as the entry's topic is typed. */
  topics: string[];
  onSave: (fields: FaqEntryFields) => Promise<ApiResult<{ entry: FaqEntryData }>>;
  onSaved: (entry: FaqEntryData, added: boolean) => void;
  onClose: () => void;
}

type FieldName = 'question' | 'lang' | 'answer' | 'phrasings' | 'keywords' | 'tags' | 'topic' | 'id' | 'enabled';
type TextField = 'question' | 'keywords' | 'tags' | 'topic' | 'id';

interface Values {
  id: string;
  lang: Lang;
  question: string;
  answer: string;
  phrasings: string;
  keywords: string;
  tags: string;
  topic: string;
  enabled: boolean;
}

const FIELD_NAMES: readonly FieldName[] = ['question', 'lang', 'answer', 'phrasings', 'keywords', 'tags', 'topic', 'id', 'enabled'];
// Commas as typed in English, Chinese (full width, enumeration comma) and on any keyboard.
const LIST_SEPARATORS = /[,，、]/;

function initialValues(draft: EntryDraft): Values {
  if (draft.kind === 'add') {
    return { id: '', lang: draft.lang, question: draft.question ?? '', answer: '', phrasings: '', keywords: '', tags: '', topic: '', enabled: true };
  }
  const e = draft.entry;
  return {
    id: e.id, lang: e.lang, question: e.question, answer: e.answer, phrasings: e.phrasings.join('\n'),
    keywords: e.keywords.join(', '), tags: e.tags.join(', '), topic: e.topic ?? '', enabled: e.enabled,
  };
}

const lines = (text: string): string[] => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const items = (text: string): string[] => text.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean);

function toFields(v: Values, editing: boolean): FaqEntryFields {
  const fields: FaqEntryFields = {
    lang: v.lang, question: v.question, answer: v.answer, phrasings: lines(v.phrasings),
    keywords: items(v.keywords), tags: items(v.tags), enabled: v.enabled, topic: v.topic.trim() || null,
  };
  if (!editing && v.id.trim()) fields.id = v.id.trim();
  return fields;
}

export function FaqEntryForm({ draft, topics, onSave, onSaved, onClose }: Props): JSX.Element {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const editing = draft.kind === 'edit';
  const [values, setValues] = useState<Values>(() => initialValues(draft));
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string[]>>>({});

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const set = <K extends keyof Values>(key: K, value: Values[K]): void => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await onSave(toFields(values, editing));
    setBusy(false);
    if (result.ok) {
      onSaved(result.data.entry, !editing);
      dialog.current?.close();
      return;
    }
    const byField: Partial<Record<FieldName, string[]>> = {};
    const unplaced: string[] = [];
    for (const f of result.error.fields ?? []) {
      const name = FIELD_NAMES.find((n) => n === f.field);
      if (name) (byField[name] ??= []).push(f.reason);
      else unplaced.push(f.reason);
    }
    if (result.error.code === 'DESKBELL_FAQ_ENTRY_EXISTS') {
      // A typed id is taken, or (without one) the id made from this question is.
      if (values.id.trim()) byField.id = [t('faqIdTaken')];
      else byField.question = [t('faqQuestionTaken')];
    }
    setErrors(byField);
    const placed = Object.keys(byField).length > 0;
    setSummary(placed ? [t('faqFormInvalid'), ...unplaced].join(' ') : t('faqFormFailed', { message: describeError(result.error, t) }));
    // Take the agent to the first field that needs them.
    const first = FIELD_NAMES.find((n) => byField[n]);
    if (first) dialog.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const field = (name: FieldName, label: StringKey, control: (describedBy: string | undefined, invalid: boolean) => JSX.Element, hint?: StringKey): JSX.Element => {
    const problems = errors[name];
    const ids = [hint ? `faq-${name}-hint` : null, problems ? `faq-${name}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div class={`faq-field ${problems ? 'has-error' : ''}`}>
        <label for={`faq-${name}`}>{t(label)}</label>
        {control(ids, Boolean(problems))}
        {hint && (
          <p id={`faq-${name}-hint`} class="faq-hint">
            {t(hint)}
          </p>
        )}
        {problems && (
          <ul id={`faq-${name}-error`} class="faq-field-error" data-testid={`faq-error-${name}`}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  /** A one-line text field; `extra` adds what one field needs (autofocus, a list, read-only). */
  const textInput = (name: TextField, describedBy: string | undefined, invalid: boolean, extra: JSX.InputHTMLAttributes<HTMLInputElement> = {}): JSX.Element => (
    <input
      id={`faq-${name}`}
      name={name}
      type="text"
      value={values[name]}
      aria-describedby={describedBy}
      aria-invalid={invalid ? 'true' : undefined}
      data-testid={`faq-field-${name}`}
      onInput={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );

  return (
    <dialog
      ref={dialog}
      class="faq-dialog"
      aria-labelledby="faq-form-title"
      data-testid="faq-form"
      onClose={onClose}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="faq-form-title">{editing ? t('faqEditTitle') : t('faqAddTitle')}</h2>
        <div class="form-error faq-form-summary" role="alert">
          {summary}
        </div>
        {field('question', 'faqFieldQuestion', (describedBy, invalid) => textInput('question', describedBy, invalid, { autoFocus: true }), 'faqFieldQuestionHint')}
        {field('lang', 'faqFieldLang', (describedBy, invalid) => (
          <select
            id="faq-lang"
            name="lang"
            value={values.lang}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            data-testid="faq-field-lang"
            onChange={(e) => set('lang', e.currentTarget.value as Lang)}
          >
            {LANG_NAMES.map(([code, name]) => (
              <option value={code} lang={code} key={code}>
                {name}
              </option>
            ))}
          </select>
        ))}
        {field('answer', 'faqFieldAnswer', (describedBy, invalid) => (
          <textarea
            id="faq-answer"
            name="answer"
            rows={5}
            lang={values.lang}
            value={values.answer}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            data-testid="faq-field-answer"
            onInput={(e) => set('answer', e.currentTarget.value)}
          />
        ), 'faqFieldAnswerHint')}
        {field('phrasings', 'faqFieldPhrasings', (describedBy, invalid) => (
          <textarea
            id="faq-phrasings"
            name="phrasings"
            rows={4}
            lang={values.lang}
            value={values.phrasings}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            data-testid="faq-field-phrasings"
            onInput={(e) => set('phrasings', e.currentTarget.value)}
          />
        ), 'faqFieldPhrasingsHint')}
        <div class="faq-field-row">
          {field('keywords', 'faqFieldKeywords', (describedBy, invalid) => textInput('keywords', describedBy, invalid), 'faqFieldListHint')}
          {field('tags', 'faqFieldTags', (describedBy, invalid) => textInput('tags', describedBy, invalid), 'faqFieldListHint')}
        </div>
        {field('topic', 'faqFieldTopic', (describedBy, invalid) => (
          <>
            {textInput('topic', describedBy, invalid, { spellcheck: false, autoComplete: 'off', list: 'faq-topics' })}
            <datalist id="faq-topics">
              {topics.map((topic) => (
                <option value={topic} key={topic} />
              ))}
            </datalist>
          </>
        ), 'faqFieldTopicHint')}
        {field('id', 'faqFieldId', (describedBy, invalid) => textInput('id', describedBy, invalid, { spellcheck: false, autoComplete: 'off', readOnly: editing }), editing ? 'faqFieldIdFixed' : 'faqFieldIdHint')}
        <label class="faq-check">
          <input
            type="checkbox"
            name="enabled"
            checked={values.enabled}
            data-testid="faq-field-enabled"
            onChange={(e) => set('enabled', e.currentTarget.checked)}
          />
          <span>{t('faqFieldEnabled')}</span>
        </label>
        {errors.enabled && (
          <ul class="faq-field-error">
            {errors.enabled.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div class="faq-dialog-actions">
          <button type="button" class="button secondary" data-testid="faq-form-cancel" onClick={() => dialog.current?.close()}>
            {t('faqCancel')}
          </button>
          <button type="submit" class="button primary" data-testid="faq-form-save" disabled={busy}>
            {busy ? t('faqSaving') : t('faqSave')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
