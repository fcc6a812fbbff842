// Demo mode: a demo site (key "demo", the one demo/*.html paste) allowed on the server's own
// URLs, its FAQ (demo/faq.json), and a demo agent whose password is generated on first
// start and kept in the database.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgentService } from './agents.js';
import { parseFaqJson } from './faq/content.js';
import { createSite, normaliseOrigin } from './sites.js';
import type { FaqEntryInput, StoredFaqEntry, Store } from './store/types.js';
import { checkTriggerList } from './triggers/validate.js';

export const DEMO_SITE_KEY = 'demo';
export const DEMO_AGENT_EMAIL = 'demo@deskbell.local';
// Works from the source tree (server/demo.ts) and from the build (dist/server/demo.js).
export const DEMO_TRIGGERS_FILE = fileURLToPath(new URL(import.meta.url.includes('/dist/server/') ? '../../demo/triggers.json' : '../demo/triggers.json', import.meta.url));
export const DEMO_FAQ_FILE = fileURLToPath(new URL(import.meta.url.includes('/dist/server/') ? '../../demo/faq.json' : '../demo/faq.json', import.meta.url));

export async function ensureDemo(store: Store, agents: AgentService, origins: string[]): Promise<{ email: string; password: string }> {
  const wanted = origins.map(normaliseOrigin);
  let site = await store.getSiteByKey(DEMO_SITE_KEY);
  if (!site) {
    site = await createSite(store, {
      key: DEMO_SITE_KEY,
      name: 'Lantern & Leaf (demo)',
      origins: wanted,
      theme: { accentColor: '#0f766e', greeting: { en: 'Hi! Ask us anything about your order.', 'zh-TW': '嗨！有任何訂單問題都可以問我們。', 'zh-CN': '嗨！有任何订单问题都可以问我们。', th: 'สวัสดีค่ะ สอบถามเรื่องคำสั่งซื้อได้เลย' } },
    });
  } else {
    const merged = [...new Set([...site.origins, ...wanted])];
    if (merged.length !== site.origins.length) await store.updateSite(site.id, { origins: merged });
  }
  // Seeded whenever the demo site has no FAQ: edits are kept, an emptied FAQ comes back.
  const stored = await store.listFaqEntries(site.id);
  if (stored.length === 0 || !stored.some((e) => e.topic !== undefined)) {
    const faq = parseFaqJson(readFileSync(DEMO_FAQ_FILE, 'utf8'));
    if (!faq.ok) throw new Error(`${DEMO_FAQ_FILE} is not a valid FAQ: ${faq.errors.map((e) => `line ${e.line}: ${e.reason}`).join('; ')}`);
    if (stored.length === 0) await store.importFaqEntries(site.id, faq.entries);
    else await linkDemoTranslations(store, site.id, stored, faq.entries);
  }
  // Likewise the demo's proactive prompts, whenever the demo site has none.
  if ((await store.listTriggers(site.id)).length === 0) {
    const rules = checkTriggerList(JSON.parse(readFileSync(DEMO_TRIGGERS_FILE, 'utf8')));
    if (!rules.ok) throw new Error(`${DEMO_TRIGGERS_FILE} is not valid: ${rules.errors.map((e) => `rule ${e.index} ${e.field}: ${e.reason}`).join('; ')}`);
    await store.replaceTriggers(site.id, rules.rules);
  }
  const password = await store.getOrCreateSecret('demo-agent-password', () => randomBytes(9).toString('base64url'));
  if (!(await store.getAgentByEmail(DEMO_AGENT_EMAIL))) {
    await agents.create({ email: DEMO_AGENT_EMAIL, name: 'Demo Agent', password });
  }
  return { email: DEMO_AGENT_EMAIL, password };
}

/**
 * A demo database made before entries could be linked to their translations (migration 13)
 * has none linked: give the demo's own entries their topic, changing nothing else, so the
 * demo shows the bot answering in the shopper's script. Skipped if that would clash with an
 * owner's edit (an entry moved to another language).
 */
async function linkDemoTranslations(store: Store, siteId: string, stored: StoredFaqEntry[], demo: FaqEntryInput[]): Promise<void> {
  const topicOf = new Map(demo.map((e) => [e.id, e.topic]));
  const linked = stored.flatMap(({ id, lang, question, phrasings, keywords, answer, tags, enabled }) => {
    const topic = topicOf.get(id);
    return topic === undefined ? [] : [{ id, lang, question, phrasings, keywords, answer, tags, enabled, topic }];
  });
  if (linked.length === 0) return;
  try {
    await store.importFaqEntries(siteId, linked);
  } catch {
    // Left unlinked: the demo still answers, as it did before.
  }
}
