// The error catalogue: every error the server reports, with a stable code and a message that
// tells the reader what to do next. HTTP replies and socket acknowledgements both carry
// `{ code, message }` from here. Codes are never reused once retired (docs/errors.md).
import createError from '@fastify/error';
import type { ErrorDetails, ErrorInfo } from './protocol.js';

const defs = {
  DESKBELL_VALIDATION: [400, 'The request is not valid: %s'],
  DESKBELL_UNKNOWN_EVENT: [400, 'Unknown event "%s". See docs/protocol.md for the events this server accepts.'],
  DESKBELL_MESSAGE_TOO_LONG: [400, 'Messages can be at most %s characters. Split the text into several messages.'],
  DESKBELL_MESSAGE_EMPTY: [400, 'The message is empty. Type something before sending.'],
  DESKBELL_SITE_UNKNOWN: [404, 'No site has the key "%s". Check the data-site attribute of the script tag (deskbell site list shows the keys).'],
  DESKBELL_ORIGIN_NOT_ALLOWED: [403, 'The origin %s is not allowed for this site. Add it with: deskbell site origin add --site KEY --origin %s'],
  DESKBELL_TOKEN_INVALID: [401, 'The visitor token is invalid or expired. Clear the stored token and connect again to start a new visitor session.'],
  DESKBELL_NOT_AUTHENTICATED: [401, 'You are not logged in. Log in to the console again.'],
  DESKBELL_LOGIN_FAILED: [401, 'Wrong email or password.'],
  DESKBELL_FORBIDDEN_ORIGIN: [403, 'Requests to the console API must come from the console page itself.'],
  DESKBELL_CONVERSATION_NOT_FOUND: [404, 'Conversation %s does not exist or is not yours.'],
  DESKBELL_CONVERSATION_CLOSED: [409, 'The conversation is closed.'],
  DESKBELL_FAQ_ENTRY_INVALID: [400, 'The FAQ entry is not valid: %s. Correct it and save again.'],
  DESKBELL_FAQ_ENTRY_NOT_FOUND: [404, 'The FAQ has no entry "%s"; it may have been deleted meanwhile. Reload the FAQ.'],
  DESKBELL_FAQ_ENTRY_EXISTS: [409, 'The FAQ already has an entry "%s". Edit that entry, or give the new one another id.'],
  DESKBELL_FAQ_IMPORT_INVALID: [400, 'The file has %s; nothing was imported. Fix the lines listed and import it again.'],
  DESKBELL_TRIGGER_INVALID: [400, 'The trigger rule is not valid: %s. Correct it and save again.'],
  DESKBELL_TRIGGER_NOT_FOUND: [404, 'The site has no trigger rule "%s"; it may have been deleted meanwhile. Reload the list.'],
  DESKBELL_TRIGGER_EXISTS: [409, 'The site already has a trigger rule "%s". Edit that rule, or give the new one another id.'],
  DESKBELL_TRIGGER_IMPORT_INVALID: [400, 'The rules have %s; nothing was imported. Fix the rules listed and import again.'],
  DESKBELL_ALREADY_CLAIMED: [409, 'Someone else took this conversation first (%s). Pick another one from the queue.'],
  DESKBELL_AGENT_AT_CAPACITY: [409, '%s already has the most conversations at once (%s). Resolve or transfer one first, or raise the limit (deskbell agent capacity).'],
  DESKBELL_AGENT_UNAVAILABLE: [409, '%s is not online. Transfer to someone who is, or leave the conversation in the queue.'],
  DESKBELL_NOT_RESOLVED: [409, 'Only a resolved conversation can be rated.'],
  DESKBELL_ATTACHMENT_TOO_LARGE: [413, 'The file is larger than %s MB, the most this shop accepts. Send a smaller file (a photo at a lower resolution, or a compressed PDF).'],
  DESKBELL_ATTACHMENT_TYPE: [415, 'Only images (PNG, JPEG, WebP, GIF) and PDF files can be sent. Save the file as one of those and send it again.'],
  DESKBELL_ATTACHMENT_NOT_FOUND: [404, 'The file %s does not exist or is not yours to send or see. Upload it again.'],
  DESKBELL_CONVERSATION_HELD: [403, 'Another agent is answering this conversation, so only they or a manager can write in it, resolve it or close it. Ask them or a manager to transfer it to you (a manager can also take it over), or add a private note instead.'],
  DESKBELL_FORBIDDEN_ROLE: [403, 'Only a manager can %s. Ask a manager, or have one give you the manager role (deskbell agent role).'],
  DESKBELL_RATE_LIMITED: [429, 'Too many requests; slow down and retry in a few seconds.'],
  DESKBELL_STORAGE: [503, 'The server could not store that right now; it was not saved. Retry in a moment.'],
  DESKBELL_INTERNAL: [500, 'Something went wrong on the server. It was logged; retry, and report it if it persists.'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof defs;

// One @fastify/error constructor per code, so Fastify's own error handler knows the status.
const errorClasses = Object.fromEntries(
  Object.entries(defs).map(([code, [status, message]]) => [code, createError(code, message, status)]),
) as Record<ErrorCode, createError.FastifyErrorConstructor<{ code: string; statusCode: number }>>;

export type DeskbellError = createError.FastifyError & { code: ErrorCode; statusCode: number; details?: ErrorDetails };

/** An error from the catalogue; `args` fill the message's `%s` in order. */
export function deskbellError(code: ErrorCode, ...args: Array<string | number>): DeskbellError {
  return new errorClasses[code](...args) as DeskbellError;
}

/**
 * The same, with the details a client words itself that the code alone does not give (who holds
 * a conversation, a size limit): sent beside code and message, so a client in another language
 * need not read them out of the English message (docs/errors.md#details).
 */
export function deskbellErrorWith(code: ErrorCode, details: ErrorDetails, ...args: Array<string | number>): DeskbellError {
  return Object.assign(deskbellError(code, ...args), { details });
}

export function isDeskbellError(err: unknown): err is DeskbellError {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && Object.hasOwn(defs, code);
}

/** The `{ code, message }` (and details) to send for any thrown value; unknown errors are not leaked. */
export function errorInfo(err: unknown): ErrorInfo {
  const known = isDeskbellError(err) ? err : deskbellError('DESKBELL_INTERNAL');
  return { code: known.code, message: known.message, ...known.details };
}

export const ERROR_CODES = Object.keys(defs) as ErrorCode[];
