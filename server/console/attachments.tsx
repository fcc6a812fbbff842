// Files in the console: the "Attach" button (a real file input behind a label, so keyboard
// and screen readers reach it), the upload to /api/console/attachments, and a message's
// files — images inline as a preview linking to the full file, PDFs as a download link.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { AttachmentInfo, ErrorInfo } from '../protocol.js';
import { OFFLINE } from './connection.js';
import { describeError } from './format.js';
import { useI18n, type Translate } from './i18n/index.js';

export const attachmentUrl = (id: string): string => `/api/console/attachments/${encodeURIComponent(id)}`;

/** Uploads one file (for a conversation: its site's size limit applies). */
export async function uploadFile(file: File, conversationId?: string): Promise<{ attachment: AttachmentInfo } | { error: ErrorInfo }> {
  const query = `name=${encodeURIComponent(file.name.slice(0, 255) || 'file')}${conversationId ? `&conversation=${encodeURIComponent(conversationId)}` : ''}`;
  try {
    const res = await fetch(`/api/console/attachments?${query}`, {
      method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file, credentials: 'same-origin',
    });
    const data = (await res.json()) as { attachment?: AttachmentInfo; error?: ErrorInfo };
    return data.attachment ? { attachment: data.attachment } : { error: data.error ?? { code: 'DESKBELL_INTERNAL', message: res.statusText } };
  } catch {
    return { error: { code: OFFLINE, message: '' } };
  }
}

export function uploadError(error: ErrorInfo, t: Translate): string {
  // The file's own faults say it all; anything else is why the upload failed.
  if (error.code === 'DESKBELL_ATTACHMENT_TOO_LARGE' || error.code === 'DESKBELL_ATTACHMENT_TYPE') return describeError(error, t);
  return t('attachFailed', { reason: describeError(error, t) });
}

/** A labelled file input: picking a file uploads it and hands it over. */
export function AttachButton({ conversationId, onAttached, testId = 'attach' }: {
  conversationId?: string; onAttached: (a: AttachmentInfo) => void; testId?: string;
}): JSX.Element {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  const picked = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(file.name);
    setError('');
    const res = await uploadFile(file, conversationId);
    setBusy(null);
    if ('error' in res) setError(uploadError(res.error, t));
    else onAttached(res.attachment);
  };
  return (
    <span class="attach">
      <label class="attach-button">
        {t('attachFile')}
        <input type="file" class="visually-hidden" accept="image/png,image/jpeg,image/webp,image/gif,application/pdf" data-testid={testId}
          disabled={busy !== null} onChange={(e) => void picked(e.currentTarget)} />
      </label>
      {busy !== null && <span class="hint" role="status">{t('attachUploading', { name: busy })}</span>}
      {error && <span class="form-error" role="alert">{error}</span>}
    </span>
  );
}

/** Files waiting to go with the next message, each removable. */
export function PendingFiles({ files, onRemove }: { files: readonly AttachmentInfo[]; onRemove: (id: string) => void }): JSX.Element | null {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul class="pending-files plain" data-testid="pending-files">
      {files.map((f) => (
        <li key={f.id}>
          {f.name}{' '}
          <button type="button" class="link-button" aria-label={t('attachRemove', { name: f.name })} onClick={() => onRemove(f.id)}>×</button>
        </li>
      ))}
    </ul>
  );
}

export function AttachmentList({ files }: { files: readonly AttachmentInfo[] | undefined }): JSX.Element | null {
  const { t } = useI18n();
  if (!files?.length) return null;
  return (
    <ul class="attachments plain">
      {files.map((f) => (
        <li key={f.id}>
          {f.type.startsWith('image/') ? (
            <a href={attachmentUrl(f.id)} target="_blank" rel="noopener noreferrer" aria-label={t('attachmentLabel', { name: f.name })}>
              <img src={attachmentUrl(f.id)} alt={f.name} class="attachment-image" loading="lazy" data-testid="attachment-image" />
            </a>
          ) : (
            <a href={attachmentUrl(f.id)} download={f.name} data-testid="attachment-file">📄 {f.name} ({Math.max(1, Math.round(f.size / 1024))} KB)</a>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A message's text, unless it is only the names of its files (sent without a caption). */
export function captionOf(body: string, files: readonly AttachmentInfo[] | undefined): string {
  return files?.length && body === files.map((f) => f.name).join(', ') ? '' : body;
}
