// A proactive prompt beside the launcher: the rule's message in the shopper's language,
// its quick replies, and the FAQ answer it offers. A polite live region announces it; it
// never takes focus (the shopper may be typing in the shop), but it is next in the tab
// order after the launcher and Escape dismisses it.
import { useState } from 'preact/hooks';
import type { Lang, WidgetTrigger } from '../../server/protocol.js';
import type { translator } from '../i18n/index.js';

type Text = WidgetTrigger['action']['text'];

/** The shopper's language, else English, else whichever the shop wrote. */
export function textIn(text: Text, lang: Lang): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

interface Props {
  rule: WidgetTrigger;
  lang: Lang;
  t: ReturnType<typeof translator>;
  onOpen: () => void;
  onReply: (text: string) => void;
  onFaq: () => void;
  onDismiss: () => void;
}

export function Prompt({ rule, lang, t, onOpen, onReply, onFaq, onDismiss }: Props) {
  const [answer, setAnswer] = useState(false);
  const { faq, action } = rule;
  return (
    <div class="db-prompt" role="region" aria-label={t('promptLabel')} data-testid="prompt" data-trigger={rule.id}
      onKeyDown={(e) => e.key === 'Escape' && onDismiss()}>
      <button type="button" class="db-prompt-x" aria-label={t('promptDismiss')} data-testid="prompt-dismiss" onClick={onDismiss}>×</button>
      <button type="button" class="db-prompt-text" data-testid="prompt-open" onClick={onOpen}>{textIn(action.text, lang)}</button>
      {faq && (answer ? (
        <p class="db-prompt-answer" data-testid="prompt-answer">{faq.answer}</p>
      ) : (
        <button type="button" class="db-chip db-chip-quiet" data-testid="prompt-faq" onClick={() => (setAnswer(true), onFaq())}>{faq.question}</button>
      ))}
      {action.replies && action.replies.length > 0 && (
        <div class="db-offer">
          {action.replies.map((r) => {
            const label = textIn(r, lang);
            return <button type="button" class="db-chip" data-testid="prompt-reply" onClick={() => onReply(label)}>{label}</button>;
          })}
        </div>
      )}
    </div>
  );
}
