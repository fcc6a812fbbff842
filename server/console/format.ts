// Display helpers shared by the list and the conversation: times in the agent's language,
// the shopper's name, and error codes in words.
import type { Author, ConversationSummary, ErrorInfo, Lang } from '../protocol.js';
import { ACK_TIMEOUT, OFFLINE } from './connection.js';
import type { StringKey, Translate } from './i18n/index.js';

/** The server's limit (MAX_MESSAGE_LENGTH in protocol.ts, which we may only import types from). */
export const MAX_MESSAGE_LENGTH = 4000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, kind: 'time' | 'dayTime' | 'date' | 'full'): Intl.DateTimeFormat {
  const key = `${lang}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: 'numeric', minute: '2-digit' }
        : kind === 'dayTime'
          ? { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
          : kind === 'date'
            ? { year: 'numeric', month: 'short', day: 'numeric' }
            : { dateStyle: 'full', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(lang, options);
    formatters.set(key, f);
  }
  return f;
}

/** Short: the time today, the day and time this year, the date before that. */
export function shortTime(ms: number, lang: Lang, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return formatter(lang, 'time').format(d);
  if (d.getFullYear() === today.getFullYear()) return formatter(lang, 'dayTime').format(d);
  return formatter(lang, 'date').format(d);
}

/** For a tooltip: the whole date and time. */
export function fullTime(ms: number, lang: Lang): string {
  return formatter(lang, 'full').format(new Date(ms));
}

/**
 * The shopper's name. The server labels unidentified shoppers "Visitor 3fa9c2" in English;
 * that label is translated here, and any other label (an identified shopper) kept as it is.
 */
export function visitorName(c: ConversationSummary, t: Translate): string {
  const short = c.visitorId.slice(0, 6);
  return c.visitorLabel === `Visitor ${short}` ? t('visitorLabel', { id: short }) : c.visitorLabel;
}

/** Who wrote a message, as the agent should read it. */
export function authorLabel(author: Author, authorName: string | null, conversation: ConversationSummary | undefined, t: Translate): string {
  switch (author) {
    case 'visitor':
      return conversation ? visitorName(conversation, t) : t('authorVisitor');
    case 'agent':
      return authorName ?? t('authorAgent');
    case 'bot':
      return authorName ?? t('authorBot');
    default:
      return t('authorSystem');
  }
}

/** A refusal as the console holds it: the server's `{ code, message }` and details, and for a login its Retry-After. */
export type ConsoleError = Pick<ErrorInfo, 'code'> & Partial<ErrorInfo> & { retryAfterSeconds?: number | null };

/** An error in the agent's language where we know it, in the server's words otherwise. */
export function describeError(error: ConsoleError, t: Translate): string {
  return knownError(error, t) ?? error.message ?? t('errorRefused');
}

/**
 * Codes of the catalogue (server/errors.ts) the console leaves in the server's words, and why.
 * Every other code the console can meet has a wording below; tests/unit/console-errors.test.ts
 * fails for a new code that has neither.
 */
export const SERVER_WORDS_ONLY: Readonly<Record<string, string>> = {
  // The message names the field and its reason, which the code alone does not say; forms place
  // these reasons beside their fields (the FAQ and trigger forms, the import's list of lines).
  DESKBELL_VALIDATION: 'field reason',
  DESKBELL_FAQ_ENTRY_INVALID: 'field reason',
  DESKBELL_FAQ_IMPORT_INVALID: 'field reason',
  DESKBELL_TRIGGER_INVALID: 'field reason',
  DESKBELL_TRIGGER_IMPORT_INVALID: 'field reason',
  // Only the widget meets these: visitor tokens, shop origins, ratings.
  DESKBELL_TOKEN_INVALID: 'widget only',
  DESKBELL_ORIGIN_NOT_ALLOWED: 'widget only',
  DESKBELL_NOT_RESOLVED: 'widget only',
};

/** Codes worded by one string alone: what happened and what to do. */
const WORDED: Readonly<Record<string, StringKey>> = {
  [ACK_TIMEOUT]: 'errorTimeout',
  [OFFLINE]: 'errorOffline',
  DESKBELL_MESSAGE_TOO_LONG: 'errorTooLong',
  DESKBELL_MESSAGE_EMPTY: 'errorEmpty',
  DESKBELL_CONVERSATION_CLOSED: 'errorClosed',
  DESKBELL_CONVERSATION_HELD: 'errorHeld',
  DESKBELL_UNKNOWN_EVENT: 'errorUnknownEvent',
  DESKBELL_SITE_UNKNOWN: 'errorSiteUnknown',
  DESKBELL_NOT_AUTHENTICATED: 'errorNotAuthenticated',
  DESKBELL_LOGIN_FAILED: 'loginFailed',
  DESKBELL_FORBIDDEN_ORIGIN: 'errorForbiddenOrigin',
  DESKBELL_CONVERSATION_NOT_FOUND: 'errorConversationNotFound',
  DESKBELL_FAQ_ENTRY_NOT_FOUND: 'errorFaqEntryNotFound',
  DESKBELL_FAQ_ENTRY_EXISTS: 'errorFaqEntryExists',
  DESKBELL_TRIGGER_NOT_FOUND: 'errorTriggerNotFound',
  DESKBELL_TRIGGER_EXISTS: 'errorTriggerExists',
  DESKBELL_AGENT_AT_CAPACITY: 'errorAtCapacity',
  DESKBELL_AGENT_UNAVAILABLE: 'errorAgentUnavailable',
  DESKBELL_ATTACHMENT_TYPE: 'attachType',
  DESKBELL_ATTACHMENT_NOT_FOUND: 'errorAttachmentGone',
  DESKBELL_FORBIDDEN_ROLE: 'errorForbiddenRole',
  DESKBELL_STORAGE: 'errorStorage',
  DESKBELL_INTERNAL: 'errorInternal',
};

/** An error in the agent's language, for the codes the console knows; null: only the server's words say it. */
export function knownError(error: ConsoleError, t: Translate): string | null {
  switch (error.code) {
    // The details the English message carries come as fields (docs/errors.md#details); a server
    // from before them sends none, and the sentence without the detail is still true.
    case 'DESKBELL_ALREADY_CLAIMED':
      return error.holder ? t('errorClaimedBy', { name: error.holder }) : t('errorClaimedGone');
    case 'DESKBELL_ATTACHMENT_TOO_LARGE':
      return typeof error.maxMb === 'number' ? t('errorTooLargeMb', { mb: error.maxMb }) : t('attachTooLarge');
    case 'DESKBELL_RATE_LIMITED':
      return error.retryAfterSeconds ? t('loginRateLimited', { seconds: error.retryAfterSeconds }) : t('errorRateLimited');
  }
  const key = Object.hasOwn(WORDED, error.code) ? WORDED[error.code] : undefined;
  return key ? t(key) : null;
}

/** http(s) URLs only: anything else (javascript:, data:) is never made a link. */
export function safeHttpUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
