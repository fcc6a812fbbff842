// A dashboard table: a caption-less section with its heading, headers that sort (a button in
// each header, so mouse and keyboard both work; aria-sort says the order to screen readers)
// and an "Export CSV" button that downloads exactly the rows shown, in the order shown, with
// the raw values (seconds, shares 0 to 1) a spreadsheet can compute with.
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { csvText, downloadCsv, type CsvValue } from './csv-download.js';
import { useI18n } from './i18n/index.js';

export interface Column<Row> {
  key: string;
  label: string;
  /** The raw value: sorted on and exported. */
  value: (row: Row) => CsvValue;
  /** What the cell shows; the raw value when absent. */
  show?: (row: Row) => string;
  numeric?: boolean;
}

interface Props<Row> {
  id: string;
  title: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  /** The file name's distinguishing part (`report-{file}-{from}-{to}.csv` is up to the caller). */
  filename: string;
  /** Across the whole width (tables with many or long columns). */
  wide?: boolean;
}

type Sort = { key: string; dir: 'ascending' | 'descending' } | null;

function compare(a: CsvValue, b: CsvValue): number {
  // Empty values last whichever the direction (see the caller's flip).
  if (a === null || b === null) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function ReportTable<Row>({ id, title, columns, rows, filename, wide }: Props<Row>): JSX.Element {
  const { t } = useI18n();
  const [sort, setSort] = useState<Sort>(null);
  const shown = useMemo(() => {
    if (!sort) return rows;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return rows;
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return [...rows].sort((x, y) => {
      const a = column.value(x);
      const b = column.value(y);
      if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
      return sign * compare(a, b);
    });
  }, [rows, columns, sort]);
  const toggle = (key: string, numeric: boolean | undefined): void =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: numeric ? 'descending' : 'ascending' }));
  const exportCsv = (): void =>
    downloadCsv(filename, csvText(columns.map((c) => c.label), shown.map((r) => columns.map((c) => c.value(r)))));

  return (
    <section class={`report-section report-table${wide ? ' wide' : ''}`} aria-labelledby={`${id}-title`} data-testid={`table-${id}`}>
      <div class="report-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <ExportCsvButton testId={`export-${id}`} table={title} onClick={exportCsv} />
      </div>
      {rows.length === 0 ? (
        <p class="muted">{t('repEmpty')}</p>
      ) : (
        <div class="report-scroll">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined} aria-sort={sort?.key === c.key ? sort.dir : undefined}>
                    <button type="button" class="sort-button" data-testid={`sort-${id}-${c.key}`} onClick={() => toggle(c.key, c.numeric)}>
                      {c.label}
                      <span class="sort-mark" aria-hidden="true">{sort?.key === c.key ? (sort.dir === 'ascending' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r, i) => (
                <tr key={i}>
                  {columns.map((c, j) => {
                    const text = c.show ? c.show(r) : String(c.value(r) ?? '');
                    return j === 0 ? <th key={c.key} scope="row">{text}</th> : <td key={c.key} class={c.numeric ? 'num' : undefined}>{text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * "Export CSV", named for screen readers with its table ("Export CSV of “Agents”"). The words
 * seen come first in the name, not replaced by an aria-label: voice control users say what
 * they see (WCAG 2.5.3 Label in Name, which axe found broken here).
 */
export function ExportCsvButton({ testId, table, onClick }: { testId: string; table: string; onClick: () => void }): JSX.Element {
  const { t } = useI18n();
  return (
    <button type="button" class="button secondary" data-testid={testId} onClick={onClick}>
      {t('repExport')}
      <span class="visually-hidden"> {t('repExportOf', { table })}</span>
    </button>
  );
}
