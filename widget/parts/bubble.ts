// A proactive prompt beside the launcher: the rule's message in the shopper's language, its
// quick replies, and the FAQ answer it offers. A part the loader fetches when a prompt first
// shows (most page views show none, so the loader doesn't carry it); it still costs the shop's
// page no chat download until the shopper takes the prompt up. It never takes focus (the
// shopper may be typing in the shop), but it is next in the tab order before the launcher and
// Escape dismisses it. The launcher's live region announces it.
import type { Lang, WidgetTrigger, WidgetWords } from '../../server/protocol.js';
import { el } from '../loader/dom.js';
import { sharedCss } from '../shared-styles.js';
import { textIn } from '../triggers/text.js';

export interface BubbleActions {
  /** The shopper clicked the message: open the chat with it. */
  open(): void;
  /** A quick reply: open the chat and send it. */
  reply(text: string): void;
  /** The FAQ answer was shown in the bubble. */
  faq(): void;
  dismiss(): void;
}

const css = sharedCss +
  '.db-prompt{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:min(300px,calc(100vw - 40px));padding:14px 14px 12px;background:#fff;border-radius:14px;border:1px solid #e5e7eb;box-shadow:0 8px 28px rgba(0,0,0,.18)}' +
  '.db-left .db-prompt{right:auto;left:20px}' +
  '.db-prompt-text{display:block;width:100%;margin:0;padding:0 22px 0 0;border:0;background:none;text-align:left;font:inherit;color:inherit;cursor:pointer}' +
  '.db-prompt-x{position:absolute;top:4px;right:4px;width:32px;height:32px;border:0;border-radius:8px;background:none;color:#4b5563;font-size:20px;line-height:1;cursor:pointer}' +
  '.db-prompt-x:hover{background:#f3f4f6}' +
  '.db-prompt-answer{margin:8px 0 0;font-size:14px;color:#374151;white-space:pre-wrap}' +
  '.db-prompt .db-chip-quiet{margin-top:8px}';

export type DrawBubble = (shadow: ShadowRoot, rule: WidgetTrigger, lang: Lang, words: WidgetWords, on: BubbleActions) => HTMLElement;

let styled: ShadowRoot | null = null;

/** The bubble, not yet on the page (the loader places it); its stylesheet is added once. */
export const drawBubble: DrawBubble = (shadow, rule, lang, words, on) => {
  if (styled !== shadow) shadow.prepend(el('style', {}, css));
  styled = shadow;
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
};
