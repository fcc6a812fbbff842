// CSV as RFC 4180 says, and as spreadsheets write it: fields separated by commas, records
// by CRLF or LF, fields in double quotes may hold commas, line breaks and doubled quotes.
// Small enough to own rather than add a dependency for; the FAQ import is its one user.

export interface CsvRecord {
  /** The line the record starts on (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

/**
 * Splits text into records. A byte order mark is skipped; a final line break does not
 * start an empty record. A quote inside an unquoted field is kept as it is (as
 * spreadsheets read it); after a closing quote only a comma or a line break may follow.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let recordLine = 1;
  let line = 1;
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, line: quoteLine, reason: 'a quoted field starting on this line never ends: a closing " is missing' };
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] !== '"') break;
          field += '"';
          i += 2;
          continue;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        return { ok: false, line, reason: 'only a comma or the end of the line may follow a closing quote; inside quotes, write a quote twice ("")' };
      }
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
      field = text.slice(start, i);
    }
    fields.push(field);
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++;
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    records.push({ line: recordLine, fields });
    fields = [];
    recordLine = line;
    if (i >= text.length) return { ok: true, records };
  }
  records.push({ line: recordLine, fields });
  return { ok: true, records };
}

/** A field quoted only when it must be (or when spaces at its ends would be lost). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records joined with CRLF, as RFC 4180 asks, ending with one. */
export function formatCsv(records: ReadonlyArray<readonly string[]>): string {
  return records.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
