// Files in the widget: the attach button (a real file input inside its label: Tab reaches
// it, screen readers read its name) and a message's files. Pictures are fetched with the
// shopper's token and shown as data: URLs (shops' CSPs allow data: images far more often
// than blob:); PDFs are saved on click. Why: docs/decisions/attachments.md.
import { useEffect, useState } from 'preact/hooks';
import type { AttachmentInfo, ErrorInfo } from '../../server/protocol.js';
import type { Translate } from '../i18n/translate.js';
import { saveBlob } from '../save-text.js';

type T = Translate;
export type LoadFile = (id: string) => Promise<Blob | null>;

/** One fetch per file per page, however often the list re-renders. */
const pictures = new Map<string, Promise<string | null>>();

function picture(id: string, load: LoadFile): Promise<string | null> {
  let url = pictures.get(id);
  if (!url) {
    url = load(id).then((blob) => blob && new Promise<string | null>((done) => {
      const reader = new FileReader();
      reader.onload = () => done(String(reader.result));
      reader.onerror = () => done(null);
      reader.readAsDataURL(blob);
    }));
    pictures.set(id, url);
    // Not cached when it failed: the next render tries again.
    void url.then((u) => u || pictures.delete(id));
  }
  return url;
}

function Picture({ f, load }: { f: AttachmentInfo; load: LoadFile }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => void picture(f.id, load).then(setSrc), [f.id]);
  return src ? <img class="db-img" src={src} alt={f.name} data-testid="attachment-image" /> : <span class="db-img">{f.name}</span>;
}

export function Files({ files, t, load }: { files?: AttachmentInfo[]; t: T; load: LoadFile }) {
  if (!files?.length) return null;
  return (
    <ul class="db-files">
      {files.map((f) => (
        <li key={f.id}>
          {f.type === 'application/pdf'
            ? <button type="button" class="db-link" onClick={() => void load(f.id).then((b) => b && saveBlob(f.name, b))}>{t('fileLabel', { name: f.name })}</button>
            : <Picture f={f} load={load} />}
        </li>
      ))}
    </ul>
  );
}

/** A message's text, unless it is only its files' names (a file sent without a caption). */
export function caption(body: string, files?: AttachmentInfo[]): string {
  return files?.length && body === files.map((f) => f.name).join(', ') ? '' : body;
}

/** Picking a file uploads it; once stored it is sent as a message (its name as the text). */
export function AttachButton({ t, upload, onSent }: { t: T; upload: (f: File) => Promise<AttachmentInfo | ErrorInfo>; onSent: (a: AttachmentInfo) => void }) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const picked = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ text: t('uploading', { name: file.name }), error: false });
    const res = await upload(file);
    if ('id' in res) {
      setStatus(null);
      return onSent(res);
    }
    // The site's limit when the server says it (docs/errors.md#details); an older server does not.
    const text = res.code === 'DESKBELL_ATTACHMENT_TOO_LARGE' ? (res.maxMb ? t('fileOverLimit', { n: res.maxMb }) : t('fileTooLarge')) : res.code === 'DESKBELL_ATTACHMENT_TYPE' ? t('fileType') : t('uploadFailed');
    setStatus({ text, error: true });
  };
  return (
    <>
      <label class="db-attach" title={t('attach')}>
        <input type="file" class="db-live" accept="image/png,image/jpeg,image/webp,image/gif,application/pdf" aria-label={t('attach')}
          data-testid="attach" onChange={(e) => void picked(e.currentTarget)} />
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M16.5 6.5 8 15a2.1 2.1 0 0 0 3 3l8.5-8.5a4.2 4.2 0 0 0-6-6L5 12a6.4 6.4 0 0 0 9 9l6.5-6.5" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" /></svg>
      </label>
      {status && <p class={status.error ? 'db-error db-composer-error' : 'db-composer-error db-bot-note'} role={status.error ? 'alert' : 'status'}>{status.text}</p>}
    </>
  );
}
