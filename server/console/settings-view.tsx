// The console's settings (#/settings): putting the chat on the shop, how it looks, who answers
// and when, privacy, the identity secret, and the backups. They lived under the FAQ until the
// script tag, the domains and the look joined them: an owner looking for those looks for
// "Settings", not "FAQ".
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { AgentRole } from '../protocol.js';
import { BackupStatusPanel } from './backup-status.js';
import type { Connection } from './connection.js';
import { SiteSettings } from './site-settings.js';

interface Props {
  connection: Connection;
  online: boolean;
  role: AgentRole;
  /** Reached from the navigation (not a reload): focus moves here, as the other views do. */
  focusHeading: boolean;
}

export function SettingsView({ connection, online, role, focusHeading }: Props): JSX.Element {
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusHeading) main.current?.focus();
  }, [focusHeading]);
  return (
    <main id="settings" class="settings-view" tabIndex={-1} ref={main} aria-labelledby="site-settings-title" data-testid="settings-view">
      <SiteSettings connection={connection} online={online} />
      <BackupStatusPanel role={role} />
    </main>
  );
}
