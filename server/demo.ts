// Demo mode: a demo site (key "demo", the one demo/*.html paste) allowed on the server's own
// URLs, and a demo agent whose password is generated on first start and kept in the database.
import { randomBytes } from 'node:crypto';
import type { AgentService } from './agents.js';
import { createSite, normaliseOrigin } from './sites.js';
import type { Store } from './store/types.js';

export const DEMO_SITE_KEY = 'demo';
export const DEMO_AGENT_EMAIL = 'demo@deskbell.local';

export async function ensureDemo(store: Store, agents: AgentService, origins: string[]): Promise<{ email: string; password: string }> {
  const wanted = origins.map(normaliseOrigin);
  const site = await store.getSiteByKey(DEMO_SITE_KEY);
  if (!site) {
    await createSite(store, {
      key: DEMO_SITE_KEY,
      name: 'Lantern & Leaf (demo)',
      origins: wanted,
      theme: { accentColor: '#0f766e', greeting: { en: 'Hi! Ask us anything about your order.', 'zh-TW': '嗨!有任何訂單問題都可以問我們。', 'zh-CN': '嗨!有任何订单问题都可以问我们。', th: 'สวัสดีค่ะ สอบถามเรื่องคำสั่งซื้อได้เลย' } },
    });
  } else {
    const merged = [...new Set([...site.origins, ...wanted])];
    if (merged.length !== site.origins.length) await store.updateSite(site.id, { origins: merged });
  }
  const password = await store.getOrCreateSecret('demo-agent-password', () => randomBytes(9).toString('base64url'));
  if (!(await store.getAgentByEmail(DEMO_AGENT_EMAIL))) {
    await agents.create({ email: DEMO_AGENT_EMAIL, name: 'Demo Agent', password });
  }
  return { email: DEMO_AGENT_EMAIL, password };
}
