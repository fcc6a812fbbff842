// The FAQ manager's calls to the server (server/http/console-faq.ts). Each call resolves to
// a result and never throws: `{ ok: true, data }`, or `{ ok: false, status, error }` with
// the server's error (status 0: no answer). A 401 also tells the workspace the session
// ended, so the login form comes back.
import type { ErrorInfo, Lang } from '../protocol.js';
import type { MatchThresholds } from '../faq/types.js';
import type {
  BotPreview,
  BotSettingsView,
  ConsoleFaq,
  ConsoleSite,
  DismissBody,
  Dismissed,
  FaqEntryData,
  FaqFieldError,
  FaqImportSummary,
  FaqRowError,
  FaqTryResult,
  LearnedReport,
  PhrasingAdded,
  TranslationLink,
  TranslationLinks,
  UnansweredReport,
} from '../http/console-faq.js';

export type { BotPreview, BotSettingsView, ConsoleFaq, ConsoleSite, DismissBody, Dismissed, FaqEntryData, FaqFieldError, FaqImportSummary, FaqRowError, FaqTryResult, LearnedReport, PhrasingAdded, TranslationLink, UnansweredReport };
export type { FaqTryMatch } from '../http/console-faq.js';
export type { LearnedPhrasing } from '../http/console-faq.js';
export type { UnansweredGroup } from '../http/console-faq.js';
export type FaqFormat = 'json' | 'csv';

/** An error reply, with the details some carry: fields (an entry), lines (an import). */
export type ApiError = ErrorInfo & { fields?: FaqFieldError[]; errors?: FaqRowError[] };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

/** What the form sends: an entry in the file format's shape. */
export interface FaqEntryFields {
  id?: string;
  lang: Lang;
  question: string;
  phrasings: string[];
  keywords: string[];
  answer: string;
  tags: string[];
  enabled: boolean;
  /** Links the entry to its translations; null for none. Sent on every save: a save replaces the entry. */
  topic: string | null;
}

const OFFLINE: ApiError = { code: 'CONSOLE_OFFLINE', message: 'no answer from the server' };

export class FaqApi {
  constructor(private readonly onUnauthenticated: () => void) {}

  sites(): Promise<ApiResult<{ sites: ConsoleSite[] }>> {
    return this.call('GET', '/api/sites');
  }

  faq(site: string): Promise<ApiResult<ConsoleFaq>> {
    return this.call('GET', `${base(site)}/faq`);
  }

  add(site: string, entry: FaqEntryFields): Promise<ApiResult<{ entry: FaqEntryData }>> {
    return this.call('POST', `${base(site)}/faq`, { json: entry });
  }

  update(site: string, id: string, entry: FaqEntryFields): Promise<ApiResult<{ entry: FaqEntryData }>> {
    return this.call('PUT', `${base(site)}/faq/${encodeURIComponent(id)}`, { json: entry });
  }

  remove(site: string, id: string): Promise<ApiResult<{ ok: true }>> {
    return this.call('DELETE', `${base(site)}/faq/${encodeURIComponent(id)}`);
  }

  /** The file's bytes as they are: the server checks the encoding and counts the lines. */
  import(site: string, bytes: ArrayBuffer, format: FaqFormat, replace: boolean): Promise<ApiResult<FaqImportSummary>> {
    const type = format === 'csv' ? 'text/csv' : 'application/json';
    return this.call('POST', `${base(site)}/faq/import?format=${format}${replace ? '&replace=1' : ''}`, { raw: bytes, type });
  }

  /** A plain link: the browser downloads it with the session cookie. */
  exportUrl(site: string, format: FaqFormat): string {
    return `${base(site)}/faq/export?format=${format}`;
  }

  /** A shopper's question becomes a phrasing of the entry (unchanged when it has it already). */
  addPhrasing(site: string, id: string, text: string): Promise<ApiResult<PhrasingAdded>> {
    return this.call('POST', `${base(site)}/faq/${encodeURIComponent(id)}/phrasings`, { json: { text } });
  }

  /** Hides a question from the unanswered list, or a pick from the shoppers' words, until asked again. */
  dismiss(site: string, body: DismissBody): Promise<ApiResult<Dismissed>> {
    return this.call('POST', `${base(site)}/faq/dismissals`, { json: body });
  }

  undoDismiss(site: string, body: DismissBody, previous: number | null): Promise<ApiResult<{ ok: true }>> {
    return this.call('POST', `${base(site)}/faq/dismissals/undo`, { json: { ...body, previous } });
  }

  tryQuestion(site: string, question: string, lang: Lang | null): Promise<ApiResult<FaqTryResult>> {
    return this.call('POST', `${base(site)}/faq/try`, { json: { question, lang } });
  }

  learned(site: string): Promise<ApiResult<LearnedReport>> {
    return this.call('GET', `${base(site)}/faq/learned`);
  }

  unanswered(site: string): Promise<ApiResult<UnansweredReport>> {
    return this.call('GET', `${base(site)}/faq/unanswered`);
  }

  /** Chinese entries written in both scripts and not linked yet. */
  translationLinks(site: string): Promise<ApiResult<TranslationLinks>> {
    return this.call('GET', `${base(site)}/faq/translation-links`);
  }

  link(site: string, links: TranslationLink[]): Promise<ApiResult<{ linked: number }>> {
    return this.call('POST', `${base(site)}/faq/translation-links`, { json: { links: links.map((l) => ({ topic: l.topic, ids: l.entries.map((e) => e.id) })) } });
  }

  botSettings(site: string): Promise<ApiResult<BotSettingsView>> {
    return this.call('GET', `${base(site)}/bot-settings`);
  }

  /** Managers only; the server says so to an agent. */
  setConvertScript(site: string, convertScript: boolean): Promise<ApiResult<BotSettingsView>> {
    return this.call('PUT', `${base(site)}/bot-settings`, { json: { convertScript } });
  }

  /** Managers only. null puts a threshold back to the default (and it follows the default if that changes). */
  setThresholds(site: string, thresholds: { [K in keyof MatchThresholds]: number | null }): Promise<ApiResult<BotSettingsView>> {
    return this.call('PUT', `${base(site)}/bot-settings`, { json: { thresholds } });
  }

  /** What these thresholds would do with the site's own FAQ; nothing is saved. */
  previewThresholds(site: string, thresholds: MatchThresholds): Promise<ApiResult<BotPreview>> {
    return this.call('POST', `${base(site)}/bot-settings/preview`, { json: { thresholds } });
  }

  protected async call<T>(method: string, url: string, body?: { json: unknown } | { raw: ArrayBuffer; type: string }): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = body.type;
      payload = body.raw;
    }
    let res: Response;
    try {
      res = await fetch(url, { method, credentials: 'same-origin', headers, body: payload });
    } catch {
      return { ok: false, status: 0, error: OFFLINE };
    }
    const data = await readJson(res);
    if (res.ok && typeof data === 'object' && data !== null) return { ok: true, data: data as T };
    if (res.status === 401) this.onUnauthenticated();
    return { ok: false, status: res.status, error: errorIn(data) ?? { code: `HTTP_${res.status}`, message: res.statusText || `HTTP ${res.status}` } };
  }
}

function base(site: string): string {
  return `/api/sites/${encodeURIComponent(site)}`;
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

// Parse, don't trust: only the documented shape of an error reply is used.
function errorIn(body: unknown): ApiError | null {
  const error = (body as { error?: unknown } | null)?.error as Partial<ApiError> | undefined;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  const fields = Array.isArray(error.fields) ? error.fields.filter((f) => typeof f?.field === 'string' && typeof f.reason === 'string') : undefined;
  const errors = Array.isArray(error.errors) ? error.errors.filter((e) => typeof e?.line === 'number' && typeof e.reason === 'string') : undefined;
  return { code: error.code, message: error.message, ...(fields ? { fields } : {}), ...(errors ? { errors } : {}) };
}
