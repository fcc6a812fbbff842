// The reply box. Enter sends, Shift+Enter breaks the line, and Enter that confirms an input
// method's candidate (Chinese, Japanese, some Thai keyboards) never sends. Drafts survive
// switching conversations.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_ATTACHMENTS, type AttachmentInfo } from '../protocol.js';
import { AttachButton, PendingFiles } from './attachments.js';
import { cannedMatches } from './canned.js';
import { MAX_MESSAGE_LENGTH } from './format.js';
import { useI18n } from './i18n/index.js';

/** Unsent text per conversation, for this page view. */
const drafts = new Map<string, string>();

interface Props {
  conversationId: string;
  onSend: (body: string, attachments: AttachmentInfo[]) => void;
  onTyping: () => void;
  onIdle: () => void;
  /** Focus the text box when it appears (the agent opened this conversation to answer it). */
  autoFocus: boolean;
  /** Canned replies for this conversation's language: "/shortcut" then Tab or Enter puts one in. */
  canned?: ReadonlyArray<CannedChoice>;
  /** Why this agent may not write here (someone else holds it; server/roles.ts); null: they may. */
  blocked?: string | null;
}

type CannedChoice = { shortcut: string; body: string; attachment?: AttachmentInfo | null };

export function Composer({ conversationId, onSend, onTyping, onIdle, autoFocus, canned = [], blocked = null }: Props): JSX.Element {
  const { t } = useI18n();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const composing = useRef(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const over = text.length - MAX_MESSAGE_LENGTH;
  const empty = text.trim() === '' && files.length === 0;

  useEffect(() => {
    if (autoFocus && !blocked) area.current?.focus();
  }, [autoFocus]);

  const update = (value: string): void => {
    setText(value);
    if (value === '') drafts.delete(conversationId);
    else drafts.set(conversationId, value);
    if (value.trim() === '') onIdle();
    else onTyping();
  };

  const submit = (): void => {
    if (empty || over > 0 || blocked) return;
    // A file alone goes with its name as the text (docs/decisions/attachments.md).
    onSend(text.trim() || files.map((f) => f.name).join(', '), files);
    setFiles([]);
    update('');
    area.current?.focus();
  };

  const matches = cannedMatches(text, canned);
  const expand = (choice: CannedChoice): void => {
    update(choice.body);
    const file = choice.attachment;
    if (file) setFiles((held) => [...held.filter((f) => f.id !== file.id), file].slice(-MAX_ATTACHMENTS));
    area.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    // "/ship" + Tab (or Enter) puts the first matching canned reply in, to edit before sending.
    const first = matches[0];
    if (first && (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) && !e.isComposing) {
      e.preventDefault();
      expand(first);
      return;
    }
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
      {blocked && <p id="composer-blocked" class="composer-blocked" data-testid="composer-blocked">{blocked}</p>}
      {/* Disabled as a whole (text, file, send) while someone else holds the conversation. */}
      <fieldset class="composer-fields" disabled={blocked !== null}>
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
        aria-describedby={[blocked ? 'composer-blocked' : '', 'composer-hint', over > 0 ? 'composer-over' : ''].filter(Boolean).join(' ')}
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
      {matches.length > 0 && (
        <ul class="canned-matches" data-testid="canned-matches" aria-label={t('cannedReplies')}>
          {matches.slice(0, 6).map((m) => (
            <li key={m.shortcut}>
              <button type="button" class="link-button" onClick={() => expand(m)}>
                <code>/{m.shortcut}</code> {m.body.slice(0, 80)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <PendingFiles files={files} onRemove={(id) => setFiles((held) => held.filter((f) => f.id !== id))} />
      <div class="composer-bar">
        <AttachButton conversationId={conversationId}
          onAttached={(a) => setFiles((held) => [...held.filter((f) => f.id !== a.id), a].slice(-MAX_ATTACHMENTS))} />
        <p id="composer-hint" class="hint">
          {t('composerHint')} {t('shortcutsHint')}
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
      </fieldset>
    </form>
  );
}
