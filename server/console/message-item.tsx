// One message of the open conversation: author, time, text (links made safe) and, for the
// agents' side, whether it is sending, sent, or not sent (with Retry).
import type { JSX } from 'preact';
import type { Author, ConversationSummary } from '../protocol.js';
import { AttachmentList, captionOf } from './attachments.js';
import { authorLabel, describeError, fullTime, shortTime } from './format.js';
import { useI18n } from './i18n/index.js';
import { Linkify } from './linkify.js';
import type { TimelineItem } from './state.js';

interface Props {
  item: TimelineItem;
  conversation: ConversationSummary;
  agentName: string;
  onRetry: (clientId: string) => void;
}

export function MessageItem({ item, conversation, agentName, onRetry }: Props): JSX.Element {
  const { t, lang } = useI18n();
  const { message, entry, state } = item;
  // An outbox entry is always this agent's own reply.
  const author: Author = message?.author ?? 'agent';
  const name = message ? authorLabel(message.author, message.authorName, conversation, t) : agentName;
  const files = message?.attachments ?? entry?.attachments;
  const body = captionOf(message?.body ?? entry?.body ?? '', files);
  const createdAt = message?.createdAt ?? entry?.createdAt ?? 0;

  return (
    <li class={`message from-${author} is-${state}`} data-testid="message" data-author={author} data-state={state}>
      <div class="bubble">
        <div class="message-meta">
          <span class="author">{name}</span>
          {/* A named bot is marked as the bot; an unnamed one is already called "Bot". */}
          {author === 'bot' && name !== t('authorBot') && <span class="tag">{t('authorBot')}</span>}
          <time dateTime={new Date(createdAt).toISOString()} title={fullTime(createdAt, lang)}>
            {shortTime(createdAt, lang)}
          </time>
        </div>
        {body && (
          <p class="body" dir="auto">
            <Linkify text={body} />
          </p>
        )}
        <AttachmentList files={files} />
        {author === 'agent' && (
          <div class="delivery">
            {state === 'pending' && <span>{t('statePending')}</span>}
            {state === 'sent' && <span>{t('stateSent')}</span>}
            {state === 'failed' && entry && (
              <>
                <span class="failed">
                  {entry.error ? t('stateFailedReason', { reason: describeError({ code: entry.error }, t) }) : t('stateFailed')}
                </span>
                <button type="button" class="link-button" data-testid="retry" onClick={() => onRetry(entry.clientId)}>
                  {t('retry')}
                </button>
              </>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
