// The buttons under a bot message: "Did this answer your question? Yes / No", "Did you
// mean…" suggestions, and "Talk to a person". Only the bot's latest message is interactive.
import { useState } from 'preact/hooks';
import type { Message } from '../../server/protocol.js';
import type { Translate } from '../i18n/translate.js';

export interface BotActions {
  feedback(messageId: string, helpful: boolean): Promise<boolean>;
  choose(messageId: string, faqId: string | null): Promise<boolean>;
  handoff(): Promise<boolean>;
}

export function BotOffer({ m, t, actions }: { m: Message; t: Translate; actions: BotActions | null }) {
  const [busy, setBusy] = useState(false);
  const meta = m.meta;
  if (!meta) return null;
  if (!actions) return meta.kind === 'answer' && meta.feedback === 'yes' ? <p class="db-bot-note">{t('botThanks')}</p> : null;
  // One click at a time; the server's answer arrives as events.
  const run = (action: () => Promise<boolean>) => async () => {
    if (busy) return;
    setBusy(true);
    await action();
    setBusy(false);
  };
  const person = (
    <button type="button" class="db-link" disabled={busy} data-testid="talk-to-person" onClick={run(() => actions.handoff())}>{t('talkToPerson')}</button>
  );
  if (meta.kind === 'answer') {
    if (meta.feedback === 'yes') {
      return (
        <div class="db-offer">
          <span class="db-bot-note">{t('botThanks')}</span>
          {person}
        </div>
      );
    }
    if (meta.feedback !== null) return null;
    return (
      <div class="db-offer" role="group" aria-label={t('botHelpful')} data-testid="bot-feedback">
        <span class="db-offer-q">{t('botHelpful')}</span>
        <button type="button" class="db-chip" disabled={busy} onClick={run(() => actions.feedback(m.id, true))}>{t('yes')}</button>
        <button type="button" class="db-chip" disabled={busy} onClick={run(() => actions.feedback(m.id, false))}>{t('no')}</button>
        {person}
      </div>
    );
  }
  if (meta.kind === 'suggest' && meta.chosen === null && !meta.declined) {
    return (
      <div class="db-offer db-offer-list" role="group" aria-label={t('didYouMean')} data-testid="bot-suggestions">
        <span class="db-offer-q">{t('didYouMean')}</span>
        {meta.options.map((o) => (
          <button type="button" key={o.faqId} class="db-chip" disabled={busy} onClick={run(() => actions.choose(m.id, o.faqId))}>{o.question}</button>
        ))}
        <button type="button" class="db-chip db-chip-quiet" disabled={busy} onClick={run(() => actions.choose(m.id, null))}>{t('noneOfThese')}</button>
      </div>
    );
  }
  return null;
}
