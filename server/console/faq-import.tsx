// Importing a FAQ file (JSON or CSV, the format told by its extension): all or nothing, as
// `deskbell faq import`. When the server refuses the file, every problem is listed by line.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiResult, FaqFormat, FaqImportSummary, FaqRowError } from './faq-api.js';
import { useI18n } from './i18n/index.js';
import { describeError } from './format.js';

interface Props {
  siteName: string;
  onImport: (bytes: ArrayBuffer, format: FaqFormat, replace: boolean) => Promise<ApiResult<FaqImportSummary>>;
  onImported: () => void;
  onClose: () => void;
}

type Outcome =
  | { kind: 'done'; file: string; summary: FaqImportSummary }
  | { kind: 'problems'; file: string; errors: FaqRowError[] }
  | { kind: 'failed'; message: string };

export function formatOf(fileName: string): FaqFormat | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'json' || ext === 'csv' ? ext : null;
}

export function FaqImport({ siteName, onImport, onImported, onClose }: Props): JSX.Element {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!file || busy) return;
    const format = formatOf(file.name);
    if (!format) {
      setOutcome({ kind: 'failed', message: t('faqImportBadType') });
      return;
    }
    if (replace && !window.confirm(t('faqImportReplaceConfirm', { site: siteName }))) return;
    setBusy(true);
    setOutcome(null);
    const result = await onImport(await file.arrayBuffer(), format, replace);
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'done', file: file.name, summary: result.data });
      onImported();
    } else if (result.error.errors && result.error.errors.length > 0) {
      setOutcome({ kind: 'problems', file: file.name, errors: result.error.errors });
    } else {
      setOutcome({ kind: 'failed', message: t('faqImportFailed', { message: describeError(result.error, t) }) });
    }
  };

  return (
    <section id="faq-import" class="faq-card faq-import" aria-labelledby="faq-import-title" data-testid="faq-import">
      <div class="faq-card-head">
        <h3 id="faq-import-title" ref={heading} tabIndex={-1}>
          {t('faqImportTitle')}
        </h3>
        <button type="button" class="link-button" onClick={onClose}>
          {t('faqClose')}
        </button>
      </div>
      <p class="muted">{t('faqImportIntro')}</p>
      <form class="faq-import-form" onSubmit={(e) => void submit(e)}>
        <label class="faq-field">
          <span>{t('faqImportFile')}</span>
          <input
            type="file"
            accept=".json,.csv,application/json,text/csv"
            data-testid="faq-import-file"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
        </label>
        <label class="faq-check">
          <input type="checkbox" checked={replace} data-testid="faq-import-replace" onChange={(e) => setReplace(e.currentTarget.checked)} />
          <span>{t('faqImportReplace')}</span>
        </label>
        <div>
          <button type="submit" class="button primary" data-testid="faq-import-submit" disabled={!file || busy}>
            {busy ? t('faqImporting') : t('faqImportSubmit')}
          </button>
        </div>
      </form>
      <div role="status" data-testid="faq-import-status">
        {outcome?.kind === 'done' && (
          <p class="faq-ok">
            {t('faqImportDone', {
              file: outcome.file,
              added: outcome.summary.added.length,
              updated: outcome.summary.updated.length,
              unchanged: outcome.summary.unchanged.length,
              removed: outcome.summary.removed.length,
            })}
          </p>
        )}
      </div>
      <div role="alert" data-testid="faq-import-alert">
        {outcome?.kind === 'failed' && <p class="form-error">{outcome.message}</p>}
        {outcome?.kind === 'problems' && (
          <div class="faq-import-problems">
            <p class="form-error">{t('faqImportProblems', { file: outcome.file })}</p>
            <ul data-testid="faq-import-errors">
              {outcome.errors.map((e, i) => (
                <li key={i} data-line={e.line}>
                  {t('faqImportLine', { line: e.line, reason: e.reason })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
