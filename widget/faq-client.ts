// Self-service questions from the server: the shop's top questions, and those matching what
// the shopper is typing. Plain fetch (no socket needed): works before the chat connects.
import type { WidgetFaqQuestions } from '../server/protocol.js';

export type FaqQuestion = WidgetFaqQuestions['questions'][number];

export class FaqClient {
  constructor(
    private readonly server: string,
    private readonly siteKey: string,
    /** The shopper's language; follows the chat's when the shopper writes in another. */
    public lang: string,
  ) {}

  top(): Promise<FaqQuestion[]> {
    return this.get('');
  }

  /** Questions matching `typed`; an aborted or failed request gives none (it's only a hint). */
  matching(typed: string, signal: AbortSignal): Promise<FaqQuestion[]> {
    return this.get(typed, signal);
  }

  private async get(q: string, signal?: AbortSignal): Promise<FaqQuestion[]> {
    const params = new URLSearchParams({ site: this.siteKey, lang: this.lang });
    if (q) params.set('q', q.slice(0, 500));
    try {
      const res = await fetch(`${this.server}/api/widget/faq?${params.toString()}`, { credentials: 'omit', signal });
      if (!res.ok) return [];
      return ((await res.json()) as WidgetFaqQuestions).questions;
    } catch {
      return [];
    }
  }
}
