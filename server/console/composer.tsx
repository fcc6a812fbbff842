// The reply box. Enter sends, Shift+Enter breaks the line, and Enter that confirms an input
// method's candidate (Chinese, Japanese, some Thai keyboards) never sends. Drafts survive
// switching conversations.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_MESSAGE_LENGTH } from './format.js';
import { useI18n } from './i18n/index.js';

/** Unsent text per conversation, for this page view. */
const drafts = new Map<string, string>();

interface Props {
  conversationId: string;
  onSend: (body: string) => void;
  onTyping: () => void;
  onIdle: () => void;
  /** Focus the text box when it appears (the agent opened this conversation to answer it). */
  autoFocus: boolean;
}

export function Composer({ conversationId, onSend, onTyping, onIdle, autoFocus }: Props): JSX.Element {
  const { t } = useI18n();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const composing = useRef(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const over = text.length - MAX_MESSAGE_LENGTH;
  const empty = text.trim() === '';

  useEffect(() => {
    if (autoFocus) area.current?.focus();
  }, [autoFocus]);

  const update = (value: string): void => {
    setText(value);
    if (value === '') drafts.delete(conversationId);
    else drafts.set(conversationId, value);
    if (value.trim() === '') onIdle();
    else onTyping();
  };

  const submit = (): void => {
    if (empty || over > 0) return;
    onSend(text.trim());
    update('');
    area.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    // keyCode 229: Safari reports the IME's Enter after compositionend, with isComposing false.
    if (e.isComposing || composing.current || e.keyCode === 229) return;
    e.preventDefault();
    submit();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for="composer-text" class="visually-hidden">
        {t('composerLabel')}
      </label>
      <textarea
        id="composer-text"
        ref={area}
        rows={2}
        value={text}
        placeholder={t('composerPlaceholder')}
        data-testid="composer"
        aria-describedby={over > 0 ? 'composer-hint composer-over' : 'composer-hint'}
        aria-invalid={over > 0 ? 'true' : undefined}
        onInput={(e) => update(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        onBlur={onIdle}
      />
      <div class="composer-bar">
        <p id="composer-hint" class="hint">
          {t('composerHint')}
        </p>
        {over > 0 && (
          <p id="composer-over" class="form-error" role="alert">
            {t('tooLong', { count: over, max: MAX_MESSAGE_LENGTH })}
          </p>
        )}
        <button type="submit" class="button primary" data-testid="send" disabled={empty || over > 0}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}
