// "Connecting…" / "Offline — messages will be sent when you are back online." A polite status
// region that is always in the page, so screen readers hear it change.
import type { JSX } from 'preact';
import { useI18n } from './i18n/index.js';
import type { ConnectionStatus } from './state.js';

export function ConnectionBanner({ status }: { status: ConnectionStatus }): JSX.Element {
  const { t } = useI18n();
  return (
    <div class="banner-region" role="status">
      {status !== 'online' && (
        <p class={`banner banner-${status}`} data-testid="connection-status" data-state={status}>
          {status === 'connecting' ? t('connecting') : t('offline')}
        </p>
      )}
    </div>
  );
}
