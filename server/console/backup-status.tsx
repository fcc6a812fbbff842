// The shop owner's view of the server's scheduled backups (GET /api/backups), under the chat
// settings: when the last ran and the next is due, how many are kept where; a plain warning,
// with the server's reason and what to do, when the last run failed; how to turn them on when
// they are off. Managers only: the server refuses anyone else, so agents are not shown it.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AgentRole, BackupStatus } from '../protocol.js';
import { fullTime, shortTime } from './format.js';
import { fillParts, useI18n } from './i18n/index.js';
import { ServerWords } from './server-words.js';

/** Fresh enough for a page an owner glances at; a backup takes seconds to minutes. */
const REFRESH_MS = 30_000;

export function BackupStatusPanel({ role }: { role: AgentRole }): JSX.Element | null {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    if (role !== 'manager') return;
    let live = true;
    const load = (): Promise<void> =>
      fetch('/api/backups', { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then((res) => (res.ok ? (res.json() as Promise<BackupStatus>) : null))
        .then((next) => {
          if (live && next) setStatus(next);
        })
        .catch(() => undefined); // offline for a moment: the next refresh tries again
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [role]);
  if (role !== 'manager' || !status) return null;

  const when = (ms: number | null): JSX.Element | string =>
    ms === null ? '—' : <time dateTime={new Date(ms).toISOString()} title={fullTime(ms, lang)}>{shortTime(ms, lang)}</time>;
  const newest = status.backups[0] ?? null;
  const failed = status.last && !status.last.ok ? status.last : null;
  const dir = <code class="path">{status.dir}</code>;
  return (
    <section class="site-settings backup-status" aria-labelledby="backups-title" data-testid="backup-status">
      <h2 id="backups-title">{t('backupsTitle')}</h2>
      {!status.enabled ? (
        <p class="hint" data-testid="backups-off">{t('backupsOff')}</p>
      ) : (
        <>
          {failed && (
            <div class="backup-failed" role="alert" data-testid="backup-failed">
              <p><strong>{fillParts(t('backupFailed'), { at: when(failed.at) })}</strong> {failed.error && <ServerWords text={failed.error} />}</p>
              <p>{fillParts(t('backupRetry'), { next: when(status.next) })}</p>
            </div>
          )}
          <p data-testid="backup-summary">
            {newest
              ? fillParts(t('backupsSummary'), { last: when(newest.at), next: when(status.next), count: String(status.backups.length), dir })
              : fillParts(t('backupsNone'), { next: when(status.next), dir })}
          </p>
          {status.backups.length > 0 && (
            <details>
              <summary>{t('backupList', { count: status.backups.length })}</summary>
              <ul class="backup-list">
                {status.backups.map((b) => (
                  <li key={b.file}><code class="path">{b.file}</code> {when(b.at)} · {(b.bytes / 1024 / 1024).toFixed(1)} MB</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
