// Display helpers shared by the list and the conversation: times in the agent's language,
// the shopper's name, and error codes in words.
import type { Author, ConversationSummary, ErrorInfo, Lang } from '../protocol.js';
import { ACK_TIMEOUT, OFFLINE } from './connection.js';
import type { Translate } from './i18n/index.js';

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

/** An error in the agent's language where we know it, in the server's words otherwise. */
export function describeError(error: Pick<ErrorInfo, 'code'> & Partial<ErrorInfo>, t: Translate): string {
  return knownError(error, t) ?? error.message ?? t('errorRefused');
}

/** An error in the agent's language, for the codes the console knows; null: only the server's words say it. */
export function knownError(error: Pick<ErrorInfo, 'code'>, t: Translate): string | null {
  switch (error.code) {
    case ACK_TIMEOUT:
      return t('errorTimeout');
    case OFFLINE:
      return t('errorOffline');
    case 'DESKBELL_MESSAGE_TOO_LONG':
      return t('errorTooLong');
    case 'DESKBELL_MESSAGE_EMPTY':
      return t('errorEmpty');
    case 'DESKBELL_CONVERSATION_CLOSED':
      return t('errorClosed');
    case 'DESKBELL_CONVERSATION_HELD':
      return t('errorHeld');
    default:
      return null;
  }
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
