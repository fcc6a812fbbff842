// The shopper's pages this visit (from the widget's page-view beacons), in the conversation's
// shopper context: where they came from before they wrote. Fetched when the conversation
// opens; nothing is shown when the widget reported no pages (an old widget, a blocked beacon).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationJourney } from '../http/console-triggers.js';
import { safeHttpUrl } from './format.js';
import { useI18n } from './i18n/index.js';
import { LINK_REL } from './linkify.js';

export function Journey({ conversationId }: { conversationId: string }): JSX.Element | null {
  const { t } = useI18n();
  const [pages, setPages] = useState<ConversationJourney['pages']>([]);
  useEffect(() => {
    let live = true;
    setPages([]);
    fetch(`/api/conversations/${encodeURIComponent(conversationId)}/journey`, { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<ConversationJourney>) : { pages: [] }))
      .then((j) => live && setPages(j.pages), () => undefined);
    return () => {
      live = false;
    };
  }, [conversationId]);
  if (pages.length === 0) return null;
  return (
    <div class="journey" data-testid="journey">
      {t('journeyTitle')}
      <ol>
        {pages.map((p, i) => {
          const href = safeHttpUrl(p.url);
          return <li key={i}>{href ? <a href={href} target="_blank" rel={LINK_REL} title={p.url}>{p.title || p.url}</a> : p.title || p.url}</li>;
        })}
      </ol>
    </div>
  );
}
