// Pages that asked for a site's widget from a domain the site does not allow. The widget then
// draws nothing and says why only in the browser's developer console, where a shop owner
// rarely looks: the classic first-day mistake is allowing https://shop.example while the shop
// runs on https://www.shop.example. The console lists these so the owner sees it and can
// allow the domain in one click.
//
// In memory only, since the server started: a setup aid, not a record. Anyone can send any
// Origin header, so it is never trusted — an origin is allowed only by a manager who read it —
// and it is bounded: a few origins a site, the least recently refused giving way.

/** How many refused origins are kept a site. */
export const REFUSED_KEPT = 8;

export interface RefusedOrigin {
  origin: string;
  /** Refused page views since the server started (or since it was last allowed and removed). */
  count: number;
  lastAt: number;
  /** The page that asked last, from its Referer: by default browsers send only the origin to another origin, so usually that; null when not sent. */
  page: string | null;
}

export class RefusedOrigins {
  readonly #sites = new Map<string, Map<string, RefusedOrigin>>();

  record(siteId: string, origin: string, page: string | null, at: number): void {
    let site = this.#sites.get(siteId);
    if (!site) this.#sites.set(siteId, (site = new Map()));
    const seen = site.get(origin);
    // Re-inserted, so the map's order is least recently refused first.
    site.delete(origin);
    site.set(origin, { origin, count: (seen?.count ?? 0) + 1, lastAt: at, page: page ?? seen?.page ?? null });
    if (site.size > REFUSED_KEPT) site.delete(site.keys().next().value!);
  }

  /** Most recently refused first. */
  list(siteId: string): RefusedOrigin[] {
    return [...(this.#sites.get(siteId)?.values() ?? [])].reverse();
  }

  /** Allowed now: no longer refused. */
  forget(siteId: string, origins: readonly string[]): void {
    const site = this.#sites.get(siteId);
    for (const origin of origins) site?.delete(origin);
  }
}
