// The widget's side of the human queue: the shopper's place in line, leave-a-message when
// nobody is online, and the rating once a conversation is resolved. Small on purpose: each
// part is a few elements, announced politely to screen readers.
import { useState } from 'preact/hooks';
import type { ErrorInfo, VisitorConversation } from '../../server/protocol.js';
import { sentences, type Translate } from '../i18n/translate.js';

type T = Translate;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function QueueStatus({ t, conversation }: { t: T; conversation: VisitorConversation }) {
  const q = conversation.queue;
  if (!q) return null;
  const wait = q.estimatedWaitMs === null ? t('queueNoEstimate') : t('queueWait', { min: Math.max(1, Math.round(q.estimatedWaitMs / 60_000)) });
  return (
    <p class="db-waiting" role="status" data-testid="queue-status">
      {sentences(t('queuePosition', { n: q.position }), wait)}
    </p>
  );
}

export function LeaveMessage({ t, onLeave, onDone }: { t: T; onLeave: (email: string, body: string) => Promise<ErrorInfo | null>; onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) return setError(t('emailInvalid'));
    if (!body.trim()) return setError(t('messageRequired'));
    setBusy(true);
    const failed = await onLeave(email.trim(), body);
    setBusy(false);
    if (failed) return setError(failed.code === 'DESKBELL_VALIDATION' ? t('emailInvalid') : t('sendFailed'));
    onDone();
  };
  return (
    <form class="db-leave" onSubmit={(e) => void submit(e)} noValidate data-testid="leave-form">
      <p class="db-leave-intro">{t('leaveIntro')}</p>
      <label class="db-label">
        {t('emailLabel')}
        <input class="db-input" type="email" autocomplete="email" value={email} required aria-invalid={error === t('emailInvalid')}
          onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label class="db-label">
        {t('composerLabel')}
        <textarea class="db-input" rows={3} value={body} required onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
      <p class="db-error" role="alert">{error}</p>
      <div class="db-row">
        <button type="button" class="db-chip db-chip-quiet" onClick={onDone}>{t('cancel')}</button>
        <button type="submit" class="db-chip" disabled={busy}>{t('sendMessage')}</button>
      </div>
    </form>
  );
}

export function Rating({ t, conversation, onRate }: { t: T; conversation: VisitorConversation; onRate: (rating: number, comment: string) => Promise<boolean> }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [failed, setFailed] = useState(false);
  if (conversation.rating !== null) return <p class="db-notice" role="status" data-testid="rated">{t('rateThanks')}</p>;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (score > 0) setFailed(!(await onRate(score, comment.trim())));
  };
  return (
    <form class="db-leave" onSubmit={(e) => void submit(e)} data-testid="rating">
      <fieldset class="db-stars">
        <legend class="db-leave-intro">{t('rateTitle')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" class="db-star" aria-pressed={n <= score} aria-label={t('rateStar', { n })} onClick={() => setScore(n)}>
            {n <= score ? '★' : '☆'}
          </button>
        ))}
      </fieldset>
      {score > 0 && (
        <>
          <label class="db-label">
            {t('rateComment')}
            <textarea class="db-input" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <p class="db-error" role="alert">{failed ? t('sendFailed') : ''}</p>
          <button type="submit" class="db-chip">{t('rateSend')}</button>
        </>
      )}
    </form>
  );
}
