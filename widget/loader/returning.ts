// A shopper who chatted before: does their conversation need the chat loaded now? It does
// when messages wait in the outbox (they must be sent), when replies are unread, or while a
// person has the conversation (replies must arrive live). Otherwise the launcher stays alone.
import type { WidgetStatus } from '../../server/protocol.js';
import type { KeyValue } from '../storage.js';

export async function needsChat(server: string, siteKey: string, storage: KeyValue): Promise<WidgetStatus | 'outbox' | null> {
  const outbox = storage.get('outbox');
  if (outbox && outbox !== '[]') return 'outbox';
  const token = storage.get('token');
  if (!token) return null;
  try {
    // text/plain and POST: no preflight, and the token stays out of URLs and logs. A string
    // body is sent as text/plain (;charset=UTF-8) by the browser itself: no header needed.
    const res = await fetch(`${server}/api/widget/status?site=${encodeURIComponent(siteKey)}`, { method: 'POST', body: token, credentials: 'omit' });
    return res.ok ? ((await res.json()) as WidgetStatus) : null;
  } catch {
    return null;
  }
}
