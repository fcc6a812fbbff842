// Canned replies: typed as /shortcut in the reply box (Tab or Enter puts the text in, to edit
// before sending), one variant per language with a fallback for all, managed here too.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { LANGS, type AttachmentInfo, type CannedReplyView } from '../protocol.js';
import { AttachButton, PendingFiles } from './attachments.js';
import type { Connection } from './connection.js';
import { LANG_NAMES, useI18n } from './i18n/index.js';

/** The replies for a conversation's language: its own variant, else the one for every language. */
export function cannedFor(replies: readonly CannedReplyView[], lang: string | null): Array<{ shortcut: string; body: string; attachment?: AttachmentInfo | null }> {
  const byShortcut = new Map<string, CannedReplyView>();
  for (const r of replies) {
    const held = byShortcut.get(r.shortcut);
    if (r.lang === lang || (!held && r.lang === '')) byShortcut.set(r.shortcut, r);
  }
  return [...byShortcut.values()].map((r) => ({ shortcut: r.shortcut, body: r.body, ...(r.attachment ? { attachment: r.attachment } : {}) }));
}

/** What "/ship" in the reply box offers: the replies whose shortcut starts with what was typed. */
export function cannedMatches<R extends { shortcut: string; body: string }>(text: string, replies: readonly R[]): R[] {
  const m = /^\/([a-z0-9_-]*)$/.exec(text.trim());
  if (!m) return [];
  const typed = m[1] ?? '';
  return replies.filter((r) => r.shortcut.startsWith(typed)).sort((a, b) => a.shortcut.localeCompare(b.shortcut));
}

export function CannedManager({ replies, connection }: { replies: readonly CannedReplyView[]; connection: Connection }): JSX.Element {
  const { t } = useI18n();
  const [shortcut, setShortcut] = useState('');
  const [lang, setLang] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [file, setFile] = useState<AttachmentInfo | null>(null);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const res = await connection.command('canned:save', { shortcut: shortcut.trim().toLowerCase(), lang: lang as '', body: body.trim(), attachmentId: file?.id ?? null });
    if (!res.ok) return setError(t('cannedInvalid'));
    setError('');
    setShortcut('');
    setBody('');
    setFile(null);
    connection.cannedChanged([...replies.filter((r) => r.id !== res.reply.id), res.reply]);
  };
  const remove = async (id: string): Promise<void> => {
    const res = await connection.command('canned:delete', { id });
    if (res.ok) connection.cannedChanged(replies.filter((r) => r.id !== id));
  };
  return (
    <details class="canned" data-testid="canned-manager">
      <summary>{t('cannedReplies')}</summary>
      <ul class="plain">
        {replies.map((r) => (
          <li key={r.id}>
            <code>/{r.shortcut}</code> {r.lang && <span class="tag">{r.lang}</span>} {r.body.slice(0, 80)}{r.attachment ? ` 📎 ${r.attachment.name}` : ''}{' '}
            <button type="button" class="link-button" onClick={() => void remove(r.id)}>
              {/* Which reply, for a screen reader's list of buttons: not a row of "Delete, Delete, Delete". */}
              {t('delete')}<span class="visually-hidden"> /{r.shortcut}{r.lang ? ` (${r.lang})` : ''}</span>
            </button>
          </li>
        ))}
      </ul>
      <form class="note-form" onSubmit={(e) => void save(e)}>
        <label>
          {t('cannedShortcut')}
          <input value={shortcut} pattern="[a-z0-9_-]+" maxLength={32} required data-testid="canned-shortcut" onInput={(e) => setShortcut(e.currentTarget.value)} />
        </label>
        <label>
          {t('language')}
          <select value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
            <option value="">{t('cannedAnyLanguage')}</option>
            {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES.find(([k]) => k === l)?.[1] ?? l}</option>)}
          </select>
        </label>
        <label>
          {t('cannedText')}
          <textarea rows={2} value={body} required maxLength={4000} data-testid="canned-body" onInput={(e) => setBody(e.currentTarget.value)} />
        </label>
        <div role="group" aria-label={t('cannedFile')}>
          <span>{t('cannedFile')}</span> <AttachButton onAttached={setFile} testId="canned-attach" />
          <PendingFiles files={file ? [file] : []} onRemove={() => setFile(null)} />
        </div>
        {error && <p class="form-error" role="alert">{error}</p>}
        <button type="submit" class="button secondary" data-testid="canned-save">{t('cannedSave')}</button>
      </form>
    </details>
  );
}
