// The composer: Enter sends, Shift+Enter is a new line, and nothing is sent while an input
// method (Chinese, Thai…) is still composing. Grows with its text; 16px so iOS does not zoom.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FaqQuestion } from '../faq-client.js';
import type { Translate } from '../i18n/translate.js';

interface Props {
  t: Translate;
  maxLength: number;
  onSend: (body: string) => void;
  onTyping: (typing: boolean) => void;
  autoFocus?: boolean;
  /** A draft to start with (`Deskbell.open({ message })`). */
  initial?: string;
  /** Questions matching the draft (self-service); absent when the site has no bot. */
  suggest?: (typed: string, signal: AbortSignal) => Promise<FaqQuestion[]>;
  /** Drawn before the text box (the attach button). */
  extra?: ComponentChildren;
}

const TYPING_IDLE_MS = 3000;
const TYPING_REPEAT_MS = 2000;
const SUGGEST_DEBOUNCE_MS = 300;
const SUGGEST_MIN_CHARS = 2;

export function Composer({ t, maxLength, onSend, onTyping, autoFocus, suggest, initial, extra }: Props) {
  const [text, setText] = useState(initial ?? '');
  const [matches, setMatches] = useState<FaqQuestion[]>([]);

  // Debounced, and the previous request cancelled: only the newest draft's matches show.
  useEffect(() => {
    const typed = text.trim();
    if (!suggest || [...typed].length < SUGGEST_MIN_CHARS) {
      setMatches([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void suggest(typed, abort.signal).then((found) => {
        if (!abort.signal.aborted) setMatches(found);
      });
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text]);
  const ref = useRef<HTMLTextAreaElement>(null);
  const typing = useRef({ on: false, lastSent: 0, timer: 0 as unknown as ReturnType<typeof setTimeout> });

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
    return () => clearTimeout(typing.current.timer);
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  }, [text]);

  const stopTyping = (): void => {
    clearTimeout(typing.current.timer);
    if (typing.current.on) onTyping(false);
    typing.current.on = false;
  };

  const changed = (value: string): void => {
    setText(value);
    const now = Date.now();
    if (!typing.current.on || now - typing.current.lastSent > TYPING_REPEAT_MS) {
      onTyping(true);
      typing.current.on = true;
      typing.current.lastSent = now;
    }
    clearTimeout(typing.current.timer);
    typing.current.timer = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const tooLong = text.length > maxLength;
  const submit = (picked?: string): void => {
    const body = (picked ?? text).trim();
    if (!body || tooLong) return;
    onSend(body);
    setText('');
    setMatches([]);
    stopTyping();
    ref.current?.focus();
  };

  return (
    <form class="db-composer" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      {matches.length > 0 && (
        <div class="db-offer db-offer-list db-typed" role="group" aria-label={t('matchingQuestions')} data-testid="typed-suggestions">
          <span class="db-offer-q">{t('matchingQuestions')}</span>
          {matches.map((m) => (
            <button type="button" key={m.id} class="db-chip" onClick={() => submit(m.question)}>{m.question}</button>
          ))}
        </div>
      )}
      {extra}
      <textarea
        ref={ref}
        class="db-input"
        data-testid="composer"
        rows={1}
        value={text}
        aria-label={t('composerLabel')}
        placeholder={t('composerPlaceholder')}
        aria-invalid={tooLong}
        onInput={(e) => changed((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="db-send" data-testid="send" disabled={!text.trim() || tooLong} aria-label={t('send')}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.3 10l12.7 2-12.7 2z" /></svg>
      </button>
      {tooLong && <p class="db-error db-composer-error" role="alert">{t('tooLong', { n: maxLength })}</p>}
    </form>
  );
}
