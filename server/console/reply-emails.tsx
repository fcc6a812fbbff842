// Reply emails that have not reached the shopper: being retried while the mail server refuses
// or cannot be reached, or given up (server/routing/email-outbox.ts). Shown in the shopper
// panel, in a live region, so an agent learns that the shopper has not heard back.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ReplyEmailView } from '../protocol.js';
import type { Connection } from './connection.js';
import { useI18n } from './i18n/index.js';

interface Props {
  conversationId: string;
  /** From the shopper panel; null while it loads. */
  initial: readonly ReplyEmailView[] | null;
  connection: Connection;
}

const shown = (e: ReplyEmailView): boolean => e.status === 'retrying' || e.status === 'failed';
const done = (e: ReplyEmailView): boolean => e.status !== 'sending' && e.status !== 'retrying';

/** Of two views of one email, the later: more attempts, or the same number and finished. */
function later(a: ReplyEmailView | undefined, b: ReplyEmailView): ReplyEmailView {
  if (!a || b.attempts > a.attempts) return b;
  return b.attempts === a.attempts && done(b) ? b : a;
}

export function ReplyEmails({ conversationId, initial, connection }: Props): JSX.Element {
  const { t } = useI18n();
  // Events and the panel may arrive in either order (this subscribes before the panel is
  // asked for): each email keeps its latest view, whichever brought it.
  const [heard, setHeard] = useState<ReadonlyMap<string, ReplyEmailView>>(new Map());
  useEffect(() => connection.onEmailStatus((e) => {
    if (e.conversationId === conversationId) setHeard((m) => new Map(m).set(e.messageId, later(m.get(e.messageId), e)));
  }), [conversationId]);
  const latest = new Map<string, ReplyEmailView>();
  for (const e of [...(initial ?? []), ...heard.values()]) latest.set(e.messageId, later(latest.get(e.messageId), e));
  const emails = [...latest.values()].filter(shown);
  // The region stays in the page, empty, so a screen reader announces what appears in it.
  return (
    <div role="status" class="reply-emails" data-testid="reply-emails" aria-label={t('replyEmailsTitle')}>
      {emails.map((e) => (
        <p key={e.messageId} class={e.status === 'failed' ? 'form-error' : 'hint'} data-status={e.status}>
          {t(e.status === 'failed' ? 'replyEmailFailed' : 'replyEmailRetrying', { to: e.to, error: e.lastError ?? '' })}
        </p>
      ))}
    </div>
  );
}
