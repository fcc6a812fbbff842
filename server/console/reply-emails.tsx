// Reply emails that have not reached the shopper: being retried while the mail server refuses
// or cannot be reached, or given up after 24 h (server/routing/email-outbox.ts). Shown in the
// shopper panel, in a live region, so an agent learns that the shopper has not heard back.
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

export function ReplyEmails({ conversationId, initial, connection }: Props): JSX.Element {
  const { t } = useI18n();
  const [emails, setEmails] = useState<readonly ReplyEmailView[]>(initial ?? []);
  useEffect(() => setEmails(initial ?? []), [initial]);
  useEffect(() => connection.onEmailStatus((e) => {
    if (e.conversationId !== conversationId) return;
    setEmails((held) => [...held.filter((x) => x.messageId !== e.messageId), e].filter(shown));
  }), [conversationId]);
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
