// What the widget tells the server without a connection: one page view per page (so agents
// see the shopper's journey) and what the shopper did with a prompt. navigator.sendBeacon,
// the data in the query and no body: no preflight, and it survives the page unloading.
// The anonymous id names this browser; it is linked to the visitor once they chat.
import type { TriggerOutcome, WidgetBeacon } from '../../server/protocol.js';
import type { KeyValue } from '../storage.js';

export function anonId(storage: KeyValue): string {
  let id = storage.get('anon');
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    id = Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
    storage.set('anon', id);
  }
  return id;
}

export type Beacon = (data: Partial<WidgetBeacon>) => void;

export function beacon(server: string, base: Pick<WidgetBeacon, 'site' | 'anon' | 'visit'>): Beacon {
  return (data) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...base, ...data })) if (v !== undefined) query.set(k, String(v));
    try {
      navigator.sendBeacon(`${server}/api/widget/beacon?${query}`);
    } catch {
      /* blocked by an extension or a policy: the journey is a nicety, never an error */
    }
  };
}

export function pageView(send: Beacon): void {
  if (/^https?:/.test(location.href)) send({ url: location.href.slice(0, 2048), title: document.title.slice(0, 300) });
}

export const outcome = (send: Beacon, trigger: string, what: TriggerOutcome): void => send({ trigger, outcome: what });
