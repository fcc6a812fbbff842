// The FAQ view of the console: pick a site, then its entries (filtered by language and a
// search) with how each one's answers fared, add / edit / enable / delete, import and
// export, "try a question", and the questions the bot could not answer. Everything is
// read from and written to the server (server/http/console-faq.ts); the bot follows at once.
import type { JSX } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../protocol.js';
import { FaqApi, type BotSettingsView, type ConsoleFaq, type ConsoleSite, type DismissBody, type FaqEntryFields, type LearnedPhrasing, type UnansweredGroup, type UnansweredReport } from './faq-api.js';
import { FaqEntryForm, type EntryDraft } from './faq-entry-form.js';
import { FaqImport } from './faq-import.js';
import { FaqBotSettings } from './faq-bot-settings.js';
import { FaqTry } from './faq-try.js';
import { FaqLearned } from './faq-learned.js';
import { FaqLinks } from './faq-links.js';
import { FaqUnanswered } from './faq-unanswered.js';
import { LANG_NAMES, useI18n } from './i18n/index.js';
import { describeError } from './format.js';

type Entry = ConsoleFaq['entries'][number];

interface Props {
  /** The agent came here from the header: say where they are (focus the heading). */
  focusHeading: boolean;
  onSessionEnded: () => void;
  onOpenConversation: (conversationId: string) => void;
  /** Managers change the bot's settings (server/roles.ts). */
  manager: boolean;
}

const SITE_KEY = 'deskbell-console:faq-site';

function savedSite(): string | null {
  try {
    return localStorage.getItem(SITE_KEY);
  } catch {
    return null; // storage disabled: the first site is shown
  }
}

function saveSite(key: string): void {
  try {
    localStorage.setItem(SITE_KEY, key);
  } catch {
    /* storage disabled: the choice lasts for this page view */
  }
}

const LANG_NAME = new Map<string, string>(LANG_NAMES);

function fields(e: Entry): FaqEntryFields {
  return { lang: e.lang, question: e.question, phrasings: e.phrasings, keywords: e.keywords, answer: e.answer, tags: e.tags, enabled: e.enabled, topic: e.topic ?? null };
}

function searchText(e: Entry): string {
  return [e.question, ...e.phrasings, ...e.keywords, e.answer, ...e.tags, e.id, e.topic ?? ''].join('\n').normalize('NFKC').toLowerCase();
}

export function FaqManager({ focusHeading, onSessionEnded, onOpenConversation, manager }: Props): JSX.Element {
  const { t, lang } = useI18n();
  const api = useMemo(() => new FaqApi(onSessionEnded), [onSessionEnded]);
  const heading = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const generation = useRef(0);

  const [sites, setSites] = useState<ConsoleSite[] | null>(null);
  const [siteKey, setSiteKey] = useState<string | null>(null);
  const [faq, setFaq] = useState<ConsoleFaq | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [settings, setSettings] = useState<BotSettingsView | null>(null);
  const [unanswered, setUnanswered] = useState<UnansweredReport | null>(null);
  const [unansweredError, setUnansweredError] = useState<string | null>(null);
  const [learned, setLearned] = useState<LearnedPhrasing[] | null>(null);
  const [learnedError, setLearnedError] = useState<string | null>(null);
  const [langFilter, setLangFilter] = useState<Lang | 'all'>('all');
  const [search, setSearch] = useState('');
  const [draft, setDraft] = useState<EntryDraft | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [status, setStatus] = useState('');
  /** The last dismissal, while it can be undone. */
  const [undo, setUndo] = useState<{ body: DismissBody; previous: number | null } | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  useEffect(() => {
    void (async () => {
      const res = await api.sites();
      if (!res.ok) {
        setLoadError(t('faqLoadFailed', { message: describeError(res.error, t) }));
        return;
      }
      setSites(res.data.sites);
      const saved = savedSite();
      setSiteKey(res.data.sites.find((s) => s.key === saved)?.key ?? res.data.sites[0]?.key ?? null);
    })();
    // Once per visit of the view; the language does not change what is listed.
  }, [api]);

  const loadEntries = useCallback(async (key: string): Promise<void> => {
    const gen = generation.current;
    const res = await api.faq(key);
    if (gen !== generation.current) return; // another site was picked meanwhile
    if (res.ok) {
      setFaq(res.data);
      setLoadError(null);
    } else setLoadError(t('faqLoadFailed', { message: describeError(res.error, t) }));
  }, [api, t]);

  const loadUnanswered = useCallback(async (key: string): Promise<void> => {
    const gen = generation.current;
    const res = await api.unanswered(key);
    if (gen !== generation.current) return;
    if (res.ok) {
      setUnanswered(res.data);
      setUnansweredError(null);
    } else setUnansweredError(t('faqUnansweredFailed', { message: describeError(res.error, t) }));
  }, [api, t]);

  const loadLearned = useCallback(async (key: string): Promise<void> => {
    const gen = generation.current;
    const res = await api.learned(key);
    if (gen !== generation.current) return;
    if (res.ok) {
      setLearned(res.data.phrasings);
      setLearnedError(null);
    } else setLearnedError(t('faqLearnedFailed', { message: describeError(res.error, t) }));
  }, [api, t]);

  useEffect(() => {
    if (!siteKey) return;
    generation.current += 1;
    const gen = generation.current;
    setFaq(null);
    setUndo(null);
    setUnanswered(null);
    setLearned(null);
    setSettings(null);
    void loadEntries(siteKey);
    void loadUnanswered(siteKey);
    void loadLearned(siteKey);
    void api.botSettings(siteKey).then((res) => {
      if (res.ok && gen === generation.current) setSettings(res.data);
    });
  }, [siteKey, api, loadEntries, loadUnanswered, loadLearned]);

  const entries = faq?.entries ?? [];
  const needle = search.trim().normalize('NFKC').toLowerCase();
  const visible = entries.filter((e) => (langFilter === 'all' || e.lang === langFilter) && (!needle || searchText(e).includes(needle)));
  const numbers = useMemo(() => new Intl.NumberFormat(lang), [lang]);
  const site = sites?.find((s) => s.key === siteKey) ?? null;
  // Each topic's languages, for the rows' "Also in" and the form's list of topics.
  const topics = useMemo(() => {
    const langs = new Map<string, Lang[]>();
    for (const e of entries) if (e.topic !== undefined) langs.set(e.topic, [...(langs.get(e.topic) ?? []), e.lang]);
    return langs;
  }, [entries]);

  const openDraft = (next: EntryDraft): void => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setActionError(null);
    setDraft(next);
  };
  const closeDraft = (): void => {
    setDraft(null);
    // The trigger may be gone (a row re-rendered away): then the view's heading.
    const back = returnFocus.current?.isConnected ? returnFocus.current : heading.current;
    back?.focus();
  };
  const edit = (id: string): void => {
    const entry = entries.find((e) => e.id === id);
    if (entry) openDraft({ kind: 'edit', entry });
  };
  const addFrom = (group: UnansweredGroup): void => openDraft({ kind: 'add', question: group.text, lang: group.lang });

  /** A shopper's wording becomes a phrasing of the entry (from the unanswered list or the shoppers' words). */
  const teach = async (text: string, entry: { id: string; question: string }): Promise<string | null> => {
    if (!siteKey) return null;
    const res = await api.addPhrasing(siteKey, entry.id, text);
    if (!res.ok) return t('faqTeachFailed', { message: res.error.fields?.[0]?.reason ?? describeError(res.error, t) });
    // The lists first, then the announcement: the item must already show the bot's new answer.
    await Promise.all([loadEntries(siteKey), loadUnanswered(siteKey), loadLearned(siteKey)]);
    setStatus(t(res.data.added ? 'faqTeachDone' : 'faqTeachKnown', { question: entry.question }));
    return null;
  };

  const reloadList = (list: DismissBody['list'], key: string): Promise<void> => (list === 'unanswered' ? loadUnanswered(key) : loadLearned(key));
  /**
   * Hides a question from its list until a shopper asks it again, with an undo: the item's
   * own button is gone, so the focus moves to the undo.
   */
  const dismiss = async (body: DismissBody): Promise<void> => {
    if (!siteKey) return;
    const res = await api.dismiss(siteKey, body);
    if (!res.ok) {
      setActionError(t('faqDismissFailed', { message: describeError(res.error, t) }));
      return;
    }
    setActionError(null);
    setUndo({ body, previous: res.data.previous });
    await reloadList(body.list, siteKey);
    setStatus(t('faqDismissed', { question: body.text }));
  };
  const undoDismiss = async (): Promise<void> => {
    if (!siteKey || !undo) return;
    const res = await api.undoDismiss(siteKey, undo.body, undo.previous);
    if (!res.ok) {
      setActionError(t('faqUndoFailed', { message: describeError(res.error, t) }));
      return;
    }
    setActionError(null);
    setUndo(null);
    await reloadList(undo.body.list, siteKey);
    setStatus(t('faqDismissUndone', { question: undo.body.text }));
    document.getElementById(undo.body.list === 'unanswered' ? 'faq-unanswered-title' : 'faq-learned-title')?.focus();
  };
  // In the commit that draws the undo, before the list loses the item the focus was on.
  useLayoutEffect(() => {
    if (undo) undoButton.current?.focus();
  }, [undo]);

  const toggle = async (entry: Entry): Promise<void> => {
    if (!siteKey) return;
    setPending(entry.id);
    const res = await api.update(siteKey, entry.id, { ...fields(entry), enabled: !entry.enabled });
    setPending(null);
    if (!res.ok) {
      setActionError(t('faqActionFailed', { message: describeError(res.error, t) }));
      return;
    }
    setActionError(null);
    // The list first, then the announcement: the switch must already show what is announced.
    await loadEntries(siteKey);
    setStatus(t(res.data.entry.enabled ? 'faqEnabledNow' : 'faqDisabledNow', { question: entry.question }));
  };

  const remove = async (entry: Entry): Promise<void> => {
    if (!siteKey || !window.confirm(t('faqDeleteConfirm', { question: entry.question }))) return;
    setPending(entry.id);
    const res = await api.remove(siteKey, entry.id);
    setPending(null);
    if (!res.ok) {
      setActionError(t('faqActionFailed', { message: describeError(res.error, t) }));
      return;
    }
    setActionError(null);
    setStatus(t('faqDeleted', { question: entry.question }));
    heading.current?.focus();
    await Promise.all([loadEntries(siteKey), loadUnanswered(siteKey)]);
  };

  if (sites && sites.length === 0) {
    return (
      <main id="faq" class="faq-pane" tabIndex={-1} aria-labelledby="faq-title">
        <h2 id="faq-title" ref={heading} tabIndex={-1}>
          {t('faqTitle')}
        </h2>
        <p class="muted">{t('faqNoSites')}</p>
      </main>
    );
  }

  return (
    <main id="faq" class="faq-pane" tabIndex={-1} aria-labelledby="faq-title" data-testid="faq-view">
      <header class="faq-head">
        <div class="faq-title">
          <h2 id="faq-title" ref={heading} tabIndex={-1}>
            {t('faqTitle')}
          </h2>
          <p class="muted">{t('faqIntro')}</p>
        </div>
        {sites && sites.length > 1 ? (
          <label class="faq-inline-field">
            <span>{t('faqSite')}</span>
            <select
              value={siteKey ?? ''}
              data-testid="faq-site"
              onChange={(e) => {
                const key = e.currentTarget.value;
                saveSite(key);
                setSiteKey(key);
              }}
            >
              {sites.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          site && <p class="faq-site-name">{site.name}</p>
        )}
      </header>

      {siteKey && (
        <div class="faq-toolbar" role="group" aria-label={t('faqTitle')}>
          <button type="button" class="button primary" data-testid="faq-add" onClick={() => openDraft({ kind: 'add', lang: langFilter === 'all' ? lang : langFilter })}>
            {t('faqAdd')}
          </button>
          <button
            type="button"
            class="button secondary"
            data-testid="faq-import-open"
            aria-expanded={importOpen}
            aria-controls="faq-import"
            onClick={() => setImportOpen((open) => !open)}
          >
            {t('faqImport')}
          </button>
          <a class="button secondary" href={api.exportUrl(siteKey, 'json')} download data-testid="faq-export-json">
            {t('faqExportJson')}
          </a>
          <a class="button secondary" href={api.exportUrl(siteKey, 'csv')} download data-testid="faq-export-csv">
            {t('faqExportCsv')}
          </a>
        </div>
      )}

      <div class="visually-hidden" role="status" data-testid="faq-status">
        {status}
      </div>
      {actionError && (
        <div class="notice" role="alert">
          <span>{actionError}</span>
          <button type="button" class="link-button" onClick={() => setActionError(null)}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {loadError && (
        <p class="form-error faq-load-error" role="alert">
          {loadError}
        </p>
      )}

      {importOpen && siteKey && (
        <FaqImport
          siteName={site?.name ?? siteKey}
          onImport={(bytes, format, replace) => api.import(siteKey, bytes, format, replace)}
          onImported={() => void Promise.all([loadEntries(siteKey), loadUnanswered(siteKey)])}
          onClose={() => {
            setImportOpen(false);
            document.querySelector<HTMLElement>('[data-testid=faq-import-open]')?.focus();
          }}
        />
      )}

      {faq && faq.entries.length > 0 && !faq.entries.some((e) => e.enabled) && <p class="info faq-bot-off">{t('faqBotOff')}</p>}

      <div class="faq-layout">
        <section class="faq-entries" aria-labelledby="faq-entries-title">
          <div class="faq-entries-head">
            <h3 id="faq-entries-title">
              {t('faqEntries')}{' '}
              {faq && (
                <span class="muted faq-count" data-testid="faq-count">
                  {t('faqCount', { shown: numbers.format(visible.length), total: numbers.format(entries.length) })}
                </span>
              )}
            </h3>
            <div class="faq-filters">
              <label class="faq-inline-field">
                <span>{t('faqLangFilter')}</span>
                <select value={langFilter} data-testid="faq-lang-filter" onChange={(e) => setLangFilter(e.currentTarget.value as Lang | 'all')}>
                  <option value="all">{t('faqAllLangs')}</option>
                  {LANG_NAMES.map(([code, name]) => (
                    <option value={code} lang={code} key={code}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label class="faq-inline-field faq-search">
                <span>{t('faqSearch')}</span>
                <input
                  type="search"
                  value={search}
                  placeholder={t('faqSearchPlaceholder')}
                  data-testid="faq-search"
                  onInput={(e) => setSearch(e.currentTarget.value)}
                />
              </label>
            </div>
          </div>
          {!faq && !loadError && <p class="muted">{t('faqLoading')}</p>}
          {faq && entries.length === 0 && <p class="muted">{t('faqEmpty')}</p>}
          {faq && entries.length > 0 && visible.length === 0 && <p class="muted">{t('faqNoResults')}</p>}
          {visible.length > 0 && (
            <div class="faq-table-wrap">
              <table class="faq-table" aria-labelledby="faq-entries-title">
                <thead>
                  <tr>
                    <th scope="col">{t('faqColQuestion')}</th>
                    <th scope="col" class="num wide-only">{t('faqColShown')}</th>
                    <th scope="col" class="num wide-only">{t('faqColHelpful')}</th>
                    <th scope="col" class="num wide-only">{t('faqColNotHelpful')}</th>
                    <th scope="col">{t('faqColEnabled')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('faqColActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((e) => (
                    <EntryRow
                      key={e.id}
                      entry={e}
                      translations={e.topic === undefined ? [] : (topics.get(e.topic) ?? []).filter((l) => l !== e.lang)}
                      busy={pending === e.id}
                      format={(n) => numbers.format(n)}
                      onToggle={() => void toggle(e)}
                      onEdit={() => openDraft({ kind: 'edit', entry: e })}
                      onDelete={() => void remove(e)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <div class="faq-side">
          {siteKey && <FaqTry settings={settings} onTry={(q, l) => api.tryQuestion(siteKey, q, l)} onEdit={edit} />}
          {siteKey && <FaqBotSettings settings={settings} manager={manager} onConvertScript={(on) => api.setConvertScript(siteKey, on)}
            onThresholds={(thresholds) => api.setThresholds(siteKey, thresholds)} onPreview={(thresholds) => api.previewThresholds(siteKey, thresholds)} onSaved={setSettings} />}
          {undo && (
            <div class="notice faq-undo" data-testid="faq-undo">
              <span>{t('faqDismissed', { question: undo.body.text })}</span>
              <button type="button" ref={undoButton} class="link-button" data-testid="faq-undo-button" onClick={() => void undoDismiss()}>
                {t('faqUndo')}
              </button>
            </div>
          )}
          {siteKey && (
            <FaqUnanswered
              report={unanswered}
              error={unansweredError}
              onRefresh={() => void loadUnanswered(siteKey)}
              onCreate={addFrom}
              onOpenConversation={onOpenConversation}
              onDismiss={(g) => void dismiss({ list: 'unanswered', text: g.text })}
              teach={{ entries, onSuggest: (q, l) => api.tryQuestion(siteKey, q, l), onTeach: (group, entry) => teach(group.text, entry) }}
            />
          )}
          {siteKey && (
            <FaqLinks
              siteKey={siteKey}
              faq={faq}
              api={api}
              onLinked={(count) => {
                setStatus(t('faqLinked', { count }));
                void loadEntries(siteKey);
              }}
            />
          )}
          {siteKey && (
            <FaqLearned
              phrasings={learned}
              error={learnedError}
              onRefresh={() => void loadLearned(siteKey)}
              onAdd={(item) => teach(item.text, { id: item.faqId, question: item.question })}
              onOpenConversation={onOpenConversation}
              onDismiss={(item) => void dismiss({ list: 'learned', text: item.text, faqId: item.faqId })}
            />
          )}
        </div>
      </div>

      {draft && siteKey && (
        <FaqEntryForm
          key={draft.kind === 'edit' ? `edit:${draft.entry.id}` : `add:${draft.question ?? ''}`}
          draft={draft}
          topics={[...topics.keys()]}
          onSave={(f) => (draft.kind === 'edit' ? api.update(siteKey, draft.entry.id, f) : api.add(siteKey, f))}
          onSaved={(entry, added) => {
            setStatus(t(added ? 'faqAdded' : 'faqSaved', { question: entry.question }));
            void Promise.all([loadEntries(siteKey), loadUnanswered(siteKey)]);
          }}
          onClose={closeDraft}
        />
      )}
    </main>
  );
}

interface RowProps {
  entry: Entry;
  /** The languages of the entry's translations (same topic). */
  translations: Lang[];
  busy: boolean;
  format: (n: number) => string;
  onToggle: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

function EntryRow({ entry: e, translations, busy, format, onToggle, onEdit, onDelete }: RowProps): JSX.Element {
  const { t } = useI18n();
  const answered = e.stats.helpful + e.stats.notHelpful;
  const rate = answered > 0 ? t('faqHelpfulRate', { percent: Math.round((e.stats.helpful / answered) * 100) }) : undefined;
  return (
    <tr data-testid="faq-row" data-faq-id={e.id} class={e.enabled ? '' : 'is-disabled'}>
      <td class="faq-question-cell">
        <span class="faq-question" lang={e.lang}>
          {e.question}
        </span>
        <span class="faq-row-meta">
          <span class="tag faq-lang-tag" lang={e.lang}>
            {LANG_NAME.get(e.lang) ?? e.lang}
          </span>
          {e.tags.map((tag) => (
            <span class="tag" key={tag}>
              {tag}
            </span>
          ))}
          {e.phrasings.length > 0 && <span class="muted">{t('faqOtherPhrasings', { count: format(e.phrasings.length) })}</span>}
          {translations.length > 0 && (
            <span class="muted" data-testid="faq-translations">
              {t('faqAlsoIn')}{' '}
              {translations.map((l, i) => (
                <span key={l}>
                  {i > 0 && ', '}
                  <span lang={l}>{LANG_NAME.get(l) ?? l}</span>
                </span>
              ))}
            </span>
          )}
          <span class="muted faq-id">{e.id}</span>
        </span>
        {/* On a phone the count columns give way to this line (styles.css), so the question
            keeps the width and nothing hides off to the side. */}
        <span class="phone-stats muted" title={rate}>
          {t('faqColShown')} {format(e.stats.shown)} · {t('faqColHelpful')} {format(e.stats.helpful)} · {t('faqColNotHelpful')} {format(e.stats.notHelpful)}
        </span>
      </td>
      <td class="num wide-only" data-testid="faq-shown">
        {format(e.stats.shown)}
      </td>
      <td class="num wide-only" data-testid="faq-helpful" title={rate}>
        {format(e.stats.helpful)}
      </td>
      <td class="num wide-only" data-testid="faq-not-helpful" title={rate}>
        {format(e.stats.notHelpful)}
      </td>
      <td>
        <input
          type="checkbox"
          role="switch"
          class="switch"
          checked={e.enabled}
          disabled={busy}
          aria-label={t('faqEnabledLabel', { question: e.question })}
          data-testid="faq-enabled"
          onChange={onToggle}
        />
      </td>
      <td class="faq-row-actions">
        <button type="button" class="link-button" aria-label={t('faqEditLabel', { question: e.question })} data-testid="faq-edit" onClick={onEdit}>
          {t('faqEdit')}
        </button>
        <button
          type="button"
          class="link-button danger"
          aria-label={t('faqDeleteLabel', { question: e.question })}
          data-testid="faq-delete"
          disabled={busy}
          onClick={onDelete}
        >
          {t('faqDelete')}
        </button>
      </td>
    </tr>
  );
}
