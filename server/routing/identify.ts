// Who the shopper is, as the shop says (Deskbell.identify). A verified identity (hash or
// token signed with the site's secret) is one person across devices: every device that
// proves the same id becomes the visitor who proved it first, so their conversations are
// one history. An unverified one is only a label on this device's visitor, marked
// unverified, and never joined with anything.
import { randomBytes } from 'node:crypto';
import { checkIdentity } from '../auth/shopper-identity.js';
import type { Clock } from '../ids.js';
import type { Identify } from '../protocol.js';
import type { VisitorIdentity } from '../store/routing-types.js';
import type { Site, Store, Visitor } from '../store/types.js';

export class IdentifyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly tokenFor: (visitor: Visitor) => string,
  ) {}

  secret(siteId: string): Promise<string> {
    return this.store.identitySecret(siteId, () => randomBytes(32).toString('hex'));
  }

  /**
   * Records the identity; for a verified one that another device proved first, returns a
   * visitor token for that visitor (the widget reconnects with it and shows their history).
   */
  async identify(site: Site, visitor: Visitor, claim: Identify): Promise<{ verified: boolean; token: string | null }> {
    const verified = checkIdentity(claim, await this.secret(site.id), this.clock.now()).verified;
    // What the call left out stays as it was (another device may have said it).
    const identity: Partial<VisitorIdentity> = {
      externalId: claim.id,
      name: claim.name?.trim() || null,
      email: claim.email?.trim() || null,
      verified,
      ...(claim.attributes ? { attributes: claim.attributes } : {}),
    };
    if (verified) {
      const [first] = await this.store.visitorsWithIdentity(site.id, claim.id);
      if (first && first !== visitor.id) {
        await this.store.setVisitorIdentity(first, identity);
        const canonical = await this.store.getVisitor(first);
        if (canonical) return { verified, token: this.tokenFor(canonical) };
      }
    }
    await this.store.ensureVisitor(visitor.id, site.id);
    // An unverified claim never keeps a verified mark from before: it is a different claim.
    await this.store.setVisitorIdentity(visitor.id, identity);
    visitor.identity = (await this.store.getVisitor(visitor.id))?.identity ?? visitor.identity;
    return { verified, token: null };
  }

  /**
   * Checked again on every write, not only at identify: a token may have expired since,
   * or the site's secret changed. A claim that no longer holds leaves the visitor unverified.
   */
  async recheck(site: Site, visitor: Visitor, claim: Identify | undefined): Promise<void> {
    if (!claim || !visitor.identity.verified) return;
    if (checkIdentity(claim, await this.secret(site.id), this.clock.now()).verified) return;
    visitor.identity = { ...visitor.identity, verified: false };
    await this.store.setVisitorIdentity(visitor.id, { verified: false });
  }
}
