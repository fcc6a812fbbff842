// The console's trigger editor (#/triggers): a site's proactive prompts in priority order
// with what each led to, enable/disable, move up/down, delete, and a form to add or edit a
// rule with a preview of the bubble in every language. The server checks every rule; its
// reasons are shown next to the field they concern.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../protocol.js';
import type { ConsoleSite } from './faq-api.js';
import { LANG_NAMES, useI18n, type StringKey } from './i18n/index.js';
import { TriggerApi, type ConsoleTrigger, type TriggerFields } from './triggers-api.js';
import { describeError, type ConsoleError } from './format.js';

type FieldName = 'name' | 'kind' | 'text' | 'replies' | 'faqId' | 'conditions' | 'cap';
const LANGS = LANG_NAMES.map(([code]) => code);

interface Draft {
  id: string | null;
  name: string;
  enabled: boolean;
  kind: 'bubble' | 'open';
  text: Record<Lang, string>;
  /** Quick replies, one a line, per language. */
  replies: Record<Lang, string>;
  faqId: string;
  conditions: string;
  oncePerVisit: boolean;
  days: string;
}

const EXAMPLE = '[\n  { "type": "page", "include": ["/cart*"] },\n  { "type": "timeOnPage", "seconds": 5 }\n]';
const perLang = (f: (l: Lang) => string): Record<Lang, string> => Object.fromEntries(LANGS.map((l) => [l, f(l)])) as Record<Lang, string>;

// The prompt's figures, as columns on a wide screen and one line under its name on a phone.
const STAT_COLUMNS = ['trgShown', 'trgClicked', 'trgReplied', 'trgConversations', 'trgHandoffs', 'trgDismissed'] as const;
const statsOf = (r: ConsoleTrigger): number[] => [r.stats.shown, r.stats.clicked, r.stats.replied, r.stats.conversations, r.stats.handoffs, r.stats.dismissed];

function draftOf(t: ConsoleTrigger | null): Draft {
  if (!t) return { id: null, name: '', enabled: true, kind: 'bubble', text: perLang(() => ''), replies: perLang(() => ''), faqId: '', conditions: EXAMPLE, oncePerVisit: true, days: '0' };
  return {
    id: t.id, name: t.name, enabled: t.enabled, kind: t.action.kind,
    text: perLang((l) => t.action.text[l] ?? ''),
    replies: perLang((l) => (t.action.replies ?? []).map((r) => r[l] ?? '').join('\n')),
    faqId: t.action.faqId ?? '', conditions: JSON.stringify(t.conditions, null, 2), oncePerVisit: t.cap.oncePerVisit, days: String(t.cap.days),
  };
}

/** The form as a rule; conditions that are not JSON go as text, for the server to explain. */
function ruleOf(d: Draft): TriggerFields {
  let conditions: unknown;
  try {
    conditions = JSON.parse(d.conditions);
  } catch {
    conditions = d.conditions;
  }
  const text = Object.fromEntries(LANGS.filter((l) => d.text[l].trim()).map((l) => [l, d.text[l].trim()]));
  const lines = perLang((l) => d.replies[l]);
  const count = Math.max(0, ...LANGS.map((l) => lines[l].split('\n').filter((s) => s.trim()).length));
  const replies = Array.from({ length: count }, (_, i) => Object.fromEntries(LANGS.flatMap((l) => {
    const r = lines[l].split('\n').filter((s) => s.trim())[i]?.trim();
    return r ? [[l, r]] : [];
  })));
  const days = Number(d.days);
  return {
    ...(d.id ? { id: d.id } : {}), name: d.name, enabled: d.enabled, conditions: conditions as TriggerFields['conditions'],
    action: { kind: d.kind, text, ...(replies.length ? { replies } : {}), ...(d.faqId.trim() ? { faqId: d.faqId.trim() } : {}) },
    cap: { oncePerVisit: d.oncePerVisit, days: Number.isFinite(days) && d.days.trim() !== '' ? days : (d.days as unknown as number) },
  };
}

function fieldOf(path: string): FieldName | null {
  if (path === 'name' || path === 'id') return 'name';
  if (path.startsWith('conditions')) return 'conditions';
  if (path === 'action.kind') return 'kind';
  if (path.startsWith('action.text')) return 'text';
  if (path.startsWith('action.replies')) return 'replies';
  if (path.startsWith('action.faqId')) return 'faqId';
  if (path.startsWith('cap')) return 'cap';
  return null;
}

export function TriggersView({ onSessionEnded }: { onSessionEnded: () => void }): JSX.Element {
  const { t } = useI18n();
  const api = useMemo(() => new TriggerApi(onSessionEnded), [onSessionEnded]);
  const [sites, setSites] = useState<ConsoleSite[]>([]);
  const [site, setSite] = useState<string | null>(null);
  const [rules, setRules] = useState<ConsoleTrigger[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string[]>>>({});
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    void api.sites().then((res) => {
      if (!res.ok) return setMessage(describeError(res.error, t));
      setSites(res.data.sites);
      setSite(res.data.sites[0]?.key ?? null);
    });
  }, [api]);
  const load = async (key: string): Promise<void> => {
    const res = await api.list(key);
    if (res.ok) setRules(res.data.triggers);
    else setMessage(describeError(res.error, t));
  };
  useEffect(() => {
    if (site) void load(site);
  }, [site]);

  const act = async (run: () => Promise<{ ok: true } | { ok: false; error: ConsoleError }>, done: string): Promise<void> => {
    const res = await run();
    setMessage(res.ok ? done : describeError(res.error, t));
    if (site) await load(site);
  };
  const move = (i: number, by: number): void => {
    if (!site || !rules) return;
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id!);
    void act(() => api.reorder(site, ids), t('trgMoved'));
  };
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!site || !draft) return;
    const rule = ruleOf(draft);
    const res = draft.id ? await api.save(site, draft.id, rule) : await api.create(site, rule);
    if (res.ok) {
      setDraft(null);
      setErrors({});
      setMessage(t('trgSaved'));
      return void load(site);
    }
    const byField: Partial<Record<FieldName, string[]>> = {};
    const other: string[] = [];
    for (const f of res.error.fields ?? []) {
      const name = fieldOf(f.field);
      const text = f.field ? `${f.field}: ${f.reason}` : f.reason;
      if (name) (byField[name] ??= []).push(text);
      else other.push(text);
    }
    setErrors(byField);
    setMessage(Object.keys(byField).length ? [t('trgInvalid'), ...other].join(' ') : describeError(res.error, t));
  };

  const field = (name: FieldName, label: StringKey, control: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => JSX.Element, hint?: StringKey): JSX.Element => {
    const problems = errors[name];
    const id = `trg-${name}`;
    const described = [hint ? `${id}-hint` : '', problems ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div class={`faq-field ${problems ? 'has-error' : ''}`}>
        <label for={id}>{t(label)}</label>
        {control({ id, ...(described ? { 'aria-describedby': described } : {}), ...(problems ? { 'aria-invalid': 'true' as const } : {}) })}
        {hint && <p id={`${id}-hint`} class="faq-hint">{t(hint)}</p>}
        {problems && (
          <ul id={`${id}-error`} class="faq-field-error" data-testid={`trg-error-${name}`}>
            {problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
      </div>
    );
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => (d ? { ...d, [key]: value } : d));

  return (
    <main class="faq-manager triggers" id="triggers" data-testid="triggers-view">
      <header class="faq-header">
        <h1 ref={heading} tabIndex={-1}>{t('trgTitle')}</h1>
        {sites.length > 1 && (
          <label class="faq-inline-field">
            <span>{t('faqSite')}</span>
            <select value={site ?? ''} onChange={(e) => setSite(e.currentTarget.value)}>
              {sites.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
            </select>
          </label>
        )}
      </header>
      <p class="muted">{t('trgIntro')}</p>
      {site && (
        <div class="faq-toolbar">
          <button type="button" class="button primary" data-testid="trg-add" onClick={() => (setErrors({}), setDraft(draftOf(null)))}>{t('trgAdd')}</button>
          <a class="button secondary" href={api.triggersExportUrl(site)} download>{t('trgExport')}</a>
        </div>
      )}
      <div role="status" class="trg-status" data-testid="trg-status">{message}</div>

      {draft && (
        <form class="trg-form" onSubmit={(e) => void submit(e)} noValidate data-testid="trg-form" aria-labelledby="trg-form-title">
          <h2 id="trg-form-title">{draft.id ? t('trgEditTitle') : t('trgAddTitle')}</h2>
          {field('name', 'trgName', (p) => <input {...p} type="text" value={draft.name} data-testid="trg-name" onInput={(e) => set('name', e.currentTarget.value)} />)}
          {field('kind', 'trgKind', (p) => (
            <select {...p} value={draft.kind} onChange={(e) => set('kind', e.currentTarget.value as Draft['kind'])}>
              <option value="bubble">{t('trgKindBubble')}</option>
              <option value="open">{t('trgKindOpen')}</option>
            </select>
          ))}
          <fieldset class={`faq-field ${errors.text ? 'has-error' : ''}`}>
            <legend>{t('trgText')}</legend>
            {LANG_NAMES.map(([code, name]) => (
              <label key={code} class="trg-lang">
                <span>{name}</span>
                <input type="text" lang={code} value={draft.text[code]} data-testid={`trg-text-${code}`} aria-invalid={errors.text ? 'true' : undefined}
                  aria-describedby={errors.text ? 'trg-text-error' : undefined} onInput={(e) => set('text', { ...draft.text, [code]: e.currentTarget.value })} />
              </label>
            ))}
            {errors.text && <ul id="trg-text-error" class="faq-field-error" data-testid="trg-error-text">{errors.text.map((p) => <li key={p}>{p}</li>)}</ul>}
          </fieldset>
          <fieldset class={`faq-field ${errors.replies ? 'has-error' : ''}`}>
            <legend>{t('trgReplies')}</legend>
            <p class="faq-hint">{t('trgRepliesHint')}</p>
            {LANG_NAMES.map(([code, name]) => (
              <label key={code} class="trg-lang">
                <span>{name}</span>
                <textarea rows={2} lang={code} value={draft.replies[code]} onInput={(e) => set('replies', { ...draft.replies, [code]: e.currentTarget.value })} />
              </label>
            ))}
            {errors.replies && <ul class="faq-field-error">{errors.replies.map((p) => <li key={p}>{p}</li>)}</ul>}
          </fieldset>
          {field('faqId', 'trgFaqId', (p) => <input {...p} type="text" value={draft.faqId} onInput={(e) => set('faqId', e.currentTarget.value)} />, 'trgFaqIdHint')}
          {field('conditions', 'trgConditions', (p) => (
            <textarea {...p} rows={8} class="trg-json" spellcheck={false} value={draft.conditions} data-testid="trg-conditions" onInput={(e) => set('conditions', e.currentTarget.value)} />
          ), 'trgConditionsHint')}
          {field('cap', 'trgDays', (p) => <input {...p} type="number" min={0} max={365} value={draft.days} onInput={(e) => set('days', e.currentTarget.value)} />, 'trgDaysHint')}
          <label class="trg-check"><input type="checkbox" checked={draft.oncePerVisit} onChange={(e) => set('oncePerVisit', e.currentTarget.checked)} /> {t('trgOncePerVisit')}</label>
          <label class="trg-check"><input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} /> {t('trgEnabled')}</label>

          <h3>{t('trgPreview')}</h3>
          <div class="trg-previews" data-testid="trg-preview">
            {LANG_NAMES.map(([code, name]) => {
              const rule = ruleOf(draft);
              const say = (x: Partial<Record<Lang, string>>): string => x[code] ?? x.en ?? Object.values(x)[0] ?? '';
              return (
                <figure key={code} class="trg-preview" lang={code}>
                  <figcaption>{name}</figcaption>
                  <div class="trg-bubble">
                    <p>{say(rule.action.text) || <span class="muted">{t('trgNoText')}</span>}</p>
                    {(rule.action.replies ?? []).map((r, i) => <span key={i} class="trg-chip">{say(r)}</span>)}
                  </div>
                </figure>
              );
            })}
          </div>
          <div class="faq-toolbar">
            <button type="submit" class="button primary" data-testid="trg-save">{t('trgSave')}</button>
            <button type="button" class="button secondary" onClick={() => (setDraft(null), setErrors({}))}>{t('trgCancel')}</button>
          </div>
        </form>
      )}

      {rules && rules.length === 0 && <p class="muted">{t('trgEmpty')}</p>}
      {rules && rules.length > 0 && (
        <div class="faq-table-wrap">
          <table class="faq-table" data-testid="trg-table">
            <caption class="visually-hidden">{t('trgTitle')}</caption>
            <thead>
              <tr>
                {/* On a phone the word takes room the names need: "#" shows, the word is still read. */}
                <th scope="col"><span class="phone-hidden">{t('trgPriority')}</span><span class="phone-only" aria-hidden="true">#</span></th>
                <th scope="col">{t('trgName')}</th>
                {STAT_COLUMNS.map((k) => <th key={k} scope="col" class="num wide-only">{t(k)}</th>)}
                <th scope="col">{t('trgEnabled')}</th>
                <th scope="col"><span class="visually-hidden">{t('faqColActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r, i) => (
                <tr key={r.id} data-testid="trg-row" data-id={r.id}>
                  <td class="num">{i + 1}</td>
                  <th scope="row">
                    {r.name}
                    {/* On a phone the count columns give way to this line (styles.css). */}
                    <span class="phone-stats muted">{statsOf(r).map((n, j) => `${t(STAT_COLUMNS[j]!)} ${n}`).join(' · ')}</span>
                  </th>
                  {statsOf(r).map((n, j) => <td key={j} class="num wide-only">{n}</td>)}
                  <td>
                    <input type="checkbox" role="switch" class="switch" checked={r.enabled} aria-label={t('trgEnabledLabel', { name: r.name })} data-testid="trg-enabled"
                      onChange={() => void act(() => api.enable(site!, r.id, !r.enabled), t('trgSaved'))} />
                  </td>
                  <td class="faq-row-actions">
                    <button type="button" class="link-button" disabled={i === 0} aria-label={t('trgUpLabel', { name: r.name })} onClick={() => move(i, -1)}>↑</button>
                    <button type="button" class="link-button" disabled={i === rules.length - 1} aria-label={t('trgDownLabel', { name: r.name })} onClick={() => move(i, 1)}>↓</button>
                    <button type="button" class="link-button" data-testid="trg-edit" aria-label={t('trgEditLabel', { name: r.name })} onClick={() => (setErrors({}), setDraft(draftOf(r)))}>{t('faqEdit')}</button>
                    <button type="button" class="link-button danger" aria-label={t('trgDeleteLabel', { name: r.name })}
                      onClick={() => confirm(t('trgDeleteConfirm', { name: r.name })) && void act(() => api.delete(site!, r.id), t('trgDeleted'))}>{t('faqDelete')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
