// A proactive prompt beside the launcher: the rule's message in the shopper's language, its
// quick replies, and the FAQ answer it offers — drawn by the loader, so a prompt costs the
// shop's page no chat download until the shopper takes it up. It never takes focus (the
// shopper may be typing in the shop), but it is next in the tab order before the launcher
// and Escape dismisses it. The launcher's live region announces it.
import type { Lang, WidgetTrigger } from '../../server/protocol.js';
import type { LauncherStrings } from '../i18n/launcher.js';
import { textIn } from '../triggers/text.js';
import { el } from './dom.js';

export interface BubbleActions {
  /** The shopper clicked the message: open the chat with it. */
  open(): void;
  /** A quick reply: open the chat and send it. */
  reply(text: string): void;
  /** The FAQ answer was shown in the bubble. */
  faq(): void;
  dismiss(): void;
}

export function drawBubble(rule: WidgetTrigger, lang: Lang, words: LauncherStrings, on: BubbleActions): HTMLElement {
  const { faq, action } = rule;
  const bubble = el('div', { class: 'db-prompt', role: 'region', 'aria-label': words.prompt, 'data-testid': 'prompt', 'data-trigger': rule.id });
  bubble.addEventListener('keydown', (e) => e.key === 'Escape' && on.dismiss());
  const button = (attrs: Record<string, string>, text: string, onClick: () => void): HTMLButtonElement => {
    const b = el('button', { type: 'button', ...attrs }, text);
    b.addEventListener('click', onClick);
    return b;
  };
  bubble.append(
    button({ class: 'db-prompt-x', 'aria-label': words.dismiss, 'data-testid': 'prompt-dismiss' }, '×', on.dismiss),
    button({ class: 'db-prompt-text', 'data-testid': 'prompt-open' }, textIn(action.text, lang), on.open),
  );
  if (faq) {
    const ask = button({ class: 'db-chip db-chip-quiet', 'data-testid': 'prompt-faq' }, faq.question, () => {
      ask.replaceWith(el('p', { class: 'db-prompt-answer', 'data-testid': 'prompt-answer' }, faq.answer));
      on.faq();
    });
    bubble.append(ask);
  }
  if (action.replies?.length) {
    bubble.append(el('div', { class: 'db-offer' }, ...action.replies.map((r) => {
      const label = textIn(r, lang);
      return button({ class: 'db-chip', 'data-testid': 'prompt-reply' }, label, () => on.reply(label));
    })));
  }
  return bubble;
}
