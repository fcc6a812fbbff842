// A table as a CSV file the browser downloads: RFC 4180 (the FAQ export's writer: quoted
// where needed, CRLF), a byte-order mark so spreadsheet programs read Chinese and Thai as
// UTF-8, and text that would start a formula (= + - @) prefixed with an apostrophe, since a
// shopper's question is shown as written.
import { formatCsv } from '../faq/csv.js';

export type CsvValue = string | number | null;

export function csvText(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const cell = (v: CsvValue): string => (v === null ? '' : typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return `\uFEFF${formatCsv([header.map(cell), ...rows.map((r) => r.map(cell))])}`;
}

export function downloadCsv(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
