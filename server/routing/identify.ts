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

const newSecret = (): string => randomBytes(32).toString('hex');

export class IdentifyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly tokenFor: (visitor: Visitor) => string,
  ) {}

  secret(siteId: string): Promise<string> {
    return this.store.identitySecret(siteId, newSecret);
  }

  /**
   * A new secret for the site. The old one is still accepted for `keepOldMs` (the shop's pages
   * and caches need time to pick up the new one); 0 retires it at once (a leaked secret).
   */
  async rotate(siteId: string, keepOldMs: number): Promise<string> {
    await this.secret(siteId); // a site that never had one gets one to retire
    const secret = newSecret();
    await this.store.rotateIdentitySecret(siteId, secret, this.clock.now() + keepOldMs);
    return secret;
  }

  /** Verified with the current secret, or with the previous one while it is still accepted. */
  private async check(siteId: string, claim: Identify): Promise<boolean> {
    const now = this.clock.now();
    if (checkIdentity(claim, await this.secret(siteId), now).verified) return true;
    const previous = await this.store.previousIdentitySecret(siteId, now);
    return previous !== null && checkIdentity(claim, previous, now).verified;
  }

  /**
   * Records the identity; for a verified one that another device proved first, returns a
   * visitor token for that visitor (the widget reconnects with it and shows their history).
   */
  async identify(site: Site, visitor: Visitor, claim: Identify): Promise<{ verified: boolean; token: string | null }> {
    const verified = await this.check(site.id, claim);
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
    if (await this.check(site.id, claim)) return;
    visitor.identity = { ...visitor.identity, verified: false };
    await this.store.setVisitorIdentity(visitor.id, { verified: false });
  }
}
