// A site's FAQ as a file: reads JSON and CSV exports of a shop's FAQ, checks every entry
// and reports each problem by line in the shop owner's terms, and writes the same two
// formats back so that export → import changes nothing. Format: docs/faq-content.md.

import { createHash } from 'node:crypto';
import { LANGS } from '../protocol.js';
import type { FaqEntryInput } from '../store/types.js';
import { formatCsv, parseCsv } from './csv.js';
import { findJsonError, jsonElementLines } from './json-lines.js';
import type { FaqLang } from './types.js';

export type FaqFormat = 'json' | 'csv';

/** One problem in a file, with the line (1-based) an editor shows it on. */
export interface FaqRowError {
  line: number;
  reason: string;
}

/** `topicLines[i]`: the line of `entries[i]`'s topic (its row in CSV), for errors found later. */
export type FaqParseResult = { ok: true; entries: FaqEntryInput[]; topicLines: number[] } | { ok: false; errors: FaqRowError[] };

export const FAQ_LANGS: readonly FaqLang[] = LANGS;
export const FAQ_LIMITS = Object.freeze({
  entries: 2000,
  question: 500,
  answer: 4000,
  phrasings: 20,
  keywords: 20,
  keyword: 100,
  tags: 20,
  tag: 100,
  id: 100,
  topic: 100,
});

/** The columns of a CSV export, in order; an import finds them by name, in any order. */
export const FAQ_COLUMNS = ['id', 'lang', 'question', 'phrasings', 'answer', 'tags', 'enabled', 'keywords', 'topic'] as const;
type Field = (typeof FAQ_COLUMNS)[number];
const REQUIRED: readonly Field[] = ['lang', 'question', 'answer'];
const FIELD_LIST = FAQ_COLUMNS.join(', ');
/** Separates phrasings, keywords and tags inside one CSV cell. */
const LIST_SEPARATOR = '|';
const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._:-]*$/u;
// C0/C1 control characters and lone surrogates; answers may keep newlines and tabs.
const CONTROL = /[\p{Cc}\p{Cs}]/u;
const CONTROL_IN_TEXT = /[^\P{Cc}\n\t]|\p{Cs}/u;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const length = (s: string): number => [...s].length;

export function parseFaq(text: string, format: FaqFormat): FaqParseResult {
  return format === 'csv' ? parseFaqCsv(text) : parseFaqJson(text);
}

export function formatFaq(entries: readonly FaqEntryInput[], format: FaqFormat): string {
  return format === 'csv' ? formatFaqCsv(entries) : formatFaqJson(entries);
}

/** `faq.CSV` → csv; null when the extension says nothing. */
export function faqFormatFromPath(path: string): FaqFormat | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'json' || ext === 'csv' ? ext : null;
}

/**
 * A file's bytes as text. Only UTF-8 is read (with or without a byte order mark): Excel
 * in Taiwan or Thailand saves "CSV" in Big5 or TIS-620 unless told "CSV UTF-8", and
 * guessing would import mojibake.
 */
export function decodeFaqFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: FaqRowError[] } {
  const advice = 'save it as UTF-8 (in Excel: Save As → "CSV UTF-8"; in a text editor: encoding UTF-8) and import it again';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, errors: [{ line: 1, reason: `the file is UTF-16 text; ${advice}` }] };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const line = loose.slice(0, Math.max(0, loose.indexOf('\uFFFD'))).split('\n').length;
    return { ok: false, errors: [{ line, reason: `the file is not UTF-8 text; ${advice}` }] };
  }
}

/** `line 7: lang must be one of …` */
export function formatRowError(error: FaqRowError): string {
  return `line ${error.line}: ${error.reason}`;
}

/**
 * The id of an entry imported without one: derived from its language and question, so
 * importing the same file again updates the entry instead of adding a copy.
 */
export function generatedFaqId(lang: FaqLang, question: string): string {
  return `${lang}-${createHash('sha256').update(`${lang}\n${question}`).digest('hex').slice(0, 12)}`;
}

/** One entry in the JSON shape (a console form, an API body), checked like a file's rows. */
export function parseFaqEntry(value: unknown): { ok: true; entry: FaqEntryInput } | { ok: false; reasons: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reasons: ['an entry must be an object'] };
  const { entry, errors } = checkEntry(value as Record<string, unknown>, () => 1);
  return entry ? { ok: true, entry } : { ok: false, reasons: errors.map((e) => e.reason) };
}

// ---------------------------------------------------------------------------------------
// Checking one entry, whatever the format

/** Where each field of one entry is, for error lines. */
type LineOf = (field: string) => number;

interface Checked {
  entry?: FaqEntryInput;
  /** The entry's id when it can be told, even if other fields are wrong: duplicates are reported too. */
  id?: string;
  /** The id was derived from the question, for the duplicate message. */
  generated: boolean;
  errors: FaqRowError[];
}

/**
 * Checks one entry (a parsed JSON object, or a CSV row turned into one). Strings are
 * trimmed, answers' line ends become `\n`, empty list items are dropped.
 */
function checkEntry(raw: Record<string, unknown>, lineOf: LineOf): Checked {
  const errors: FaqRowError[] = [];
  const fail = (field: string, reason: string): undefined => {
    errors.push({ line: lineOf(field), reason });
    return undefined;
  };
  for (const key of Object.keys(raw)) {
    if (!(FAQ_COLUMNS as readonly string[]).includes(key)) fail(key, `unknown field "${key}" (the fields are ${FIELD_LIST})`);
  }
  const lang = checkLang(raw.lang, fail);
  const question = checkLine('question', raw.question, FAQ_LIMITS.question, fail, true);
  const answer = checkAnswer(raw.answer, fail);
  const phrasings = checkList('phrasings', 'phrasing', raw.phrasings, FAQ_LIMITS.phrasings, FAQ_LIMITS.question, fail);
  const keywords = checkList('keywords', 'keyword', raw.keywords, FAQ_LIMITS.keywords, FAQ_LIMITS.keyword, fail);
  const tags = checkList('tags', 'tag', raw.tags, FAQ_LIMITS.tags, FAQ_LIMITS.tag, fail);
  const enabled = checkEnabled(raw.enabled, fail);
  const given = checkName('id', 'shipping-en', raw.id, fail);
  const topic = checkName('topic', 'shipping', raw.topic, fail);
  const generated = given === null;
  const derived = lang && question !== undefined ? generatedFaqId(lang, question) : undefined;
  const id = generated ? derived : given;
  if (errors.length > 0 || !id || !lang || question === undefined || answer === undefined || !phrasings || !keywords || !tags || enabled === undefined || topic === undefined) {
    return { id, generated, errors };
  }
  const entry: FaqEntryInput = { id, lang, question, phrasings, keywords, answer, tags, enabled };
  if (topic !== null) entry.topic = topic;
  return { entry, id, generated, errors };
}

type Fail = (field: string, reason: string) => undefined;

const missing = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function checkLang(value: unknown, fail: Fail): FaqLang | undefined {
  const wanted = `lang must be one of ${FAQ_LANGS.join(', ')}`;
  if (missing(value)) return fail('lang', `lang is empty; ${wanted}`);
  if (typeof value !== 'string') return fail('lang', wanted);
  // Forgiving about spelling only: zh-tw, zh_TW and ZH-TW all mean zh-TW.
  const lang = FAQ_LANGS.find((l) => l.toLowerCase() === value.trim().toLowerCase().replace('_', '-'));
  return lang ?? fail('lang', `${wanted}, not "${value.trim()}"`);
}

/**
 * An id or a topic: null when absent (an id is then generated; no topic means no
 * translations), undefined when invalid. Both are names a file refers to, so the same rule.
 */
function checkName(field: 'id' | 'topic', example: string, value: unknown, fail: Fail): string | null | undefined {
  if (missing(value)) return null;
  if (typeof value !== 'string') return fail(field, `${field} must be text, like "${example}"`);
  const name = value.trim();
  const max = FAQ_LIMITS[field];
  if (length(name) > max) return fail(field, `${field} is longer than ${max} characters`);
  if (!ID_PATTERN.test(name)) return fail(field, `${field} "${name}" may only use letters, digits, ".", "_", ":" and "-", starting with a letter or digit`);
  return name;
}

function checkLine(field: string, value: unknown, max: number, fail: Fail, required: boolean): string | undefined {
  if (missing(value)) return required ? fail(field, `${field} is empty`) : undefined;
  if (typeof value !== 'string') return fail(field, `${field} must be text`);
  const text = value.trim();
  if (/[\r\n]/.test(text)) return fail(field, `${field} must be one line`);
  if (CONTROL.test(text)) return fail(field, `${field} contains a control character`);
  if (length(text) > max) return fail(field, `${field} is ${plural(length(text), 'character')} long; at most ${max.toLocaleString('en')} are allowed`);
  return text;
}

function checkAnswer(value: unknown, fail: Fail): string | undefined {
  if (missing(value)) return fail('answer', 'answer is empty');
  if (typeof value !== 'string') return fail('answer', 'answer must be text');
  // Answers are plain text shown as text (only http(s) URLs become links), so anything
  // printable is fine; control characters other than newline and tab are not.
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (CONTROL_IN_TEXT.test(text)) return fail('answer', 'answer contains a control character (only newlines and tabs are allowed)');
  if (length(text) > FAQ_LIMITS.answer) {
    return fail('answer', `answer is ${plural(length(text), 'character')} long; at most ${FAQ_LIMITS.answer.toLocaleString('en')} are allowed`);
  }
  return text;
}

function checkList(field: string, item: string, value: unknown, maxItems: number, maxLength: number, fail: Fail): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(field, `${field} must be a list of texts, like ["…", "…"]`);
  const items: string[] = [];
  for (const [i, v] of value.entries()) {
    const where = `${item} ${i + 1}`;
    if (typeof v !== 'string') return fail(field, `${where} must be text`);
    const text = v.trim();
    if (text === '') continue;
    // The same rule in both formats, so any FAQ can be exported as CSV and read back.
    if (text.includes(LIST_SEPARATOR)) return fail(field, `${where} contains "${LIST_SEPARATOR}", which separates ${field} in CSV files`);
    if (/[\r\n]/.test(text)) return fail(field, `${where} must be one line`);
    if (CONTROL.test(text)) return fail(field, `${where} contains a control character`);
    if (length(text) > maxLength) return fail(field, `${where} is ${plural(length(text), 'character')} long; at most ${maxLength} are allowed`);
    items.push(text);
  }
  if (items.length > maxItems) return fail(field, `${plural(items.length, item)}; at most ${maxItems} are allowed`);
  return items;
}

function checkEnabled(value: unknown, fail: Fail): boolean | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  // Spreadsheets write TRUE/FALSE, people write yes/no; an empty cell means enabled.
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (word === '' || word === 'true' || word === 'yes' || word === '1') return true;
  if (word === 'false' || word === 'no' || word === '0') return false;
  return fail('enabled', `enabled must be true or false${typeof value === 'string' ? `, not "${value.trim()}"` : ''}`);
}

/** Checks every entry, and that no two share an id. */
function checkAll(raws: Array<{ raw: Record<string, unknown>; lineOf: LineOf }>): FaqParseResult {
  const errors: FaqRowError[] = [];
  const entries: FaqEntryInput[] = [];
  const topicLines: number[] = [];
  const firstLine = new Map<string, number>();
  const versionLine = new Map<string, number>();
  for (const { raw, lineOf } of raws) {
    const { entry, id, generated, errors: entryErrors } = checkEntry(raw, lineOf);
    errors.push(...entryErrors);
    if (entry?.topic !== undefined) {
      const version = `${entry.topic}\n${entry.lang}`;
      const earlier = versionLine.get(version);
      if (earlier !== undefined) errors.push({ line: lineOf('topic'), reason: topicTaken(entry.topic, entry.lang, `line ${earlier}`) });
      else versionLine.set(version, lineOf('topic'));
    }
    if (id === undefined) continue;
    const line = generated ? lineOf('question') : lineOf('id');
    const earlier = firstLine.get(id);
    if (earlier !== undefined) {
      errors.push({
        line,
        reason: generated ? `the same question in the same language as line ${earlier}; merge the two, or give each an id` : `duplicate id ${id} (also on line ${earlier})`,
      });
      continue;
    }
    firstLine.set(id, line);
    if (entry) {
      entries.push(entry);
      topicLines.push(lineOf('topic'));
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, entries, topicLines };
}

/**
 * What a checked file would clash with in the site's FAQ: an entry whose topic already has
 * an entry in its language that the import keeps (one the file neither updates nor, with
 * `replace`, removes). Checked before importing, so nothing is half-imported.
 */
export function topicClashes(file: { entries: readonly FaqEntryInput[]; topicLines: readonly number[] }, site: readonly FaqEntryInput[], replace: boolean): FaqRowError[] {
  if (replace) return [];
  const inFile = new Set(file.entries.map((e) => e.id));
  const kept = new Map<string, string>();
  for (const e of site) if (e.topic !== undefined && !inFile.has(e.id)) kept.set(`${e.topic}\n${e.lang}`, e.id);
  const errors: FaqRowError[] = [];
  for (const [i, e] of file.entries.entries()) {
    const other = e.topic === undefined ? undefined : kept.get(`${e.topic}\n${e.lang}`);
    if (other !== undefined) errors.push({ line: file.topicLines[i] ?? 1, reason: topicTaken(e.topic!, e.lang, `"${other}", already in the FAQ`) });
  }
  return errors;
}

/**
 * A topic links translations, one entry per language; two in one language would leave the
 * bot no way to choose. Shared with the store, which checks a file against the site's FAQ.
 */
export function topicTaken(topic: string, lang: FaqLang, where: string): string {
  return `topic "${topic}" already has a ${lang} entry (${where}); a topic links the translations of one entry, one per language — group entries by subject with tags`;
}

function tooMany(count: number, line: number): FaqRowError {
  return {
    line,
    reason: `the file has ${plural(count, 'entry', 'entries')}; at most ${FAQ_LIMITS.entries.toLocaleString('en')} can be imported at once, so split it`,
  };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------
// JSON: an array of entry objects

export function parseFaqJson(input: string): FaqParseResult {
  const text = stripBom(input);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const error = findJsonError(text) ?? { line: 1, reason: 'the file is not valid JSON' };
    return { ok: false, errors: [{ line: error.line, reason: `this is not valid JSON: ${error.reason}` }] };
  }
  const example = '[{ "lang": "en", "question": "…", "answer": "…" }, …]';
  if (!Array.isArray(data)) return { ok: false, errors: [{ line: 1, reason: `the file must be a JSON array of entries, like ${example}` }] };
  const lines = jsonElementLines(text);
  if (data.length > FAQ_LIMITS.entries) return { ok: false, errors: [tooMany(data.length, lines[FAQ_LIMITS.entries]?.line ?? 1)] };
  const raws: Array<{ raw: Record<string, unknown>; lineOf: LineOf }> = [];
  const errors: FaqRowError[] = [];
  for (const [i, value] of data.entries()) {
    const where = lines[i] ?? { line: 1, keys: new Map<string, number>() };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line: where.line, reason: `entry ${i + 1} must be an object, like { "lang": "en", "question": "…", "answer": "…" }` });
      continue;
    }
    raws.push({ raw: value as Record<string, unknown>, lineOf: (field) => where.keys.get(field) ?? where.line });
  }
  const checked = checkAll(raws);
  if (errors.length === 0) return checked;
  return { ok: false, errors: [...errors, ...(checked.ok ? [] : checked.errors)].sort((a, b) => a.line - b.line) };
}

/** Pretty JSON with every field in a fixed order, entries in the order given. */
export function formatFaqJson(entries: readonly FaqEntryInput[]): string {
  // topic only when set: a FAQ without translations exports as it did before topics existed.
  const rows = entries.map((e) => ({
    id: e.id, lang: e.lang, ...(e.topic === undefined ? {} : { topic: e.topic }), question: e.question, phrasings: e.phrasings,
    keywords: e.keywords, answer: e.answer, tags: e.tags, enabled: e.enabled,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// CSV (RFC 4180): a header row naming the columns, then one entry a row

const CSV_LISTS: readonly Field[] = ['phrasings', 'keywords', 'tags'];

export function parseFaqCsv(input: string): FaqParseResult {
  const parsed = parseCsv(input);
  if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, reason: parsed.reason }] };
  // Rows with nothing in them (blank lines, a spreadsheet's empty rows) are not entries.
  const [header, ...rows] = parsed.records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (!header) return { ok: false, errors: [{ line: 1, reason: `the file is empty; its first line must name the columns: ${FAQ_COLUMNS.join(',')}` }] };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const headerErrors = checkHeader(columns, header.line);
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
  if (rows.length > FAQ_LIMITS.entries) return { ok: false, errors: [tooMany(rows.length, rows[FAQ_LIMITS.entries]?.line ?? 1)] };

  const errors: FaqRowError[] = [];
  const raws: Array<{ raw: Record<string, unknown>; lineOf: LineOf }> = [];
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      errors.push({ line: row.line, reason: `this row has ${plural(row.fields.length, 'field')} but the header has ${columns.length}; put text that contains commas in double quotes` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const [c, name] of columns.entries()) {
      const value = row.fields[c] ?? '';
      raw[name] = cellValue(name as Field, value);
    }
    raws.push({ raw, lineOf: () => row.line });
  }
  const checked = checkAll(raws);
  if (errors.length === 0) return checked;
  return { ok: false, errors: [...errors, ...(checked.ok ? [] : checked.errors)].sort((a, b) => a.line - b.line) };
}

function checkHeader(columns: string[], line: number): FaqRowError[] {
  const errors: FaqRowError[] = [];
  if (columns.length === 1 && (columns[0]?.includes(';') || columns[0]?.includes('\t'))) {
    return [{ line, reason: `columns must be separated by commas; the first line should read ${FAQ_COLUMNS.join(',')}` }];
  }
  const seen = new Set<string>();
  for (const name of columns) {
    if (!(FAQ_COLUMNS as readonly string[]).includes(name)) errors.push({ line, reason: `unknown column "${name}" (the columns are ${FIELD_LIST})` });
    else if (seen.has(name)) errors.push({ line, reason: `the column "${name}" appears twice` });
    seen.add(name);
  }
  for (const name of REQUIRED) if (!seen.has(name)) errors.push({ line, reason: `the column "${name}" is missing` });
  return errors;
}

/** A CSV cell as the value the same field has in JSON. */
function cellValue(name: Field, value: string): unknown {
  return CSV_LISTS.includes(name) ? value.split(LIST_SEPARATOR) : value;
}

/**
 * CSV with the columns of FAQ_COLUMNS, CRLF between records (RFC 4180) and a UTF-8 byte
 * order mark: without it Excel reads Chinese and Thai as mojibake. Imports skip the mark.
 */
export function formatFaqCsv(entries: readonly FaqEntryInput[]): string {
  // The topic column only when an entry has a topic (as JSON leaves the field out): a FAQ
  // without translations exports as before topics, which Deskbell before 2026-12-07 reads.
  const topics = entries.some((e) => e.topic !== undefined);
  const columns = topics ? FAQ_COLUMNS : FAQ_COLUMNS.filter((c) => c !== 'topic');
  const rows = entries.map((e) => [
    e.id, e.lang, e.question, e.phrasings.join(LIST_SEPARATOR), e.answer, e.tags.join(LIST_SEPARATOR),
    e.enabled ? 'true' : 'false', e.keywords.join(LIST_SEPARATOR), ...(topics ? [e.topic ?? ''] : []),
  ]);
  return `\uFEFF${formatCsv([columns, ...rows])}`;
}
