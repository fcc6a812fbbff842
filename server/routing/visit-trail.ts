// The pages a shopper saw on this visit, for the agent's shopper panel. In memory only (a
// visit is short, and a restart losing it costs nothing); bounded in visitors and pages.
import type { PageInfo } from '../protocol.js';

const MAX_VISITORS = 10_000;
const MAX_PAGES = 20;
/** A gap this long starts a new visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

export interface PageVisit extends PageInfo {
  at: number;
}

export class VisitTrail {
  private readonly trails = new Map<string, PageVisit[]>();

  record(visitorId: string, page: PageInfo, at: number): void {
    const trail = this.trails.get(visitorId) ?? [];
    this.trails.delete(visitorId); // re-inserted last: the Map's order is recency
    const last = trail[trail.length - 1];
    if (last && at - last.at > VISIT_GAP_MS) trail.length = 0;
    // A reload or a second tab on the same page is not a new page.
    if (!last || last.url !== page.url || trail.length === 0) trail.push({ url: page.url, title: page.title, at });
    if (trail.length > MAX_PAGES) trail.splice(0, trail.length - MAX_PAGES);
    this.trails.set(visitorId, trail);
    if (this.trails.size > MAX_VISITORS) {
      const oldest = this.trails.keys().next().value;
      if (oldest !== undefined) this.trails.delete(oldest);
    }
  }

  /** This visit's pages, oldest first (empty once the visit is over). */
  pages(visitorId: string, now: number): PageVisit[] {
    const trail = this.trails.get(visitorId) ?? [];
    const last = trail[trail.length - 1];
    return last && now - last.at <= VISIT_GAP_MS ? [...trail] : [];
  }
}
