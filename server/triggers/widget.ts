// What the widget gets of a site's triggers: the enabled rules in priority order, without
// what only the console needs (name), and with the FAQ answer a prompt offers resolved, so
// a click shows it without another request — in the shopper's language when the entry has
// a translation in it (FaqEntry.topic), and in their Chinese script when not (faq/script.ts)
// unless the site's owner turned that off (BotSettings.convertScript).
import type { FaqRegistry } from '../faq/registry.js';
import { scriptConverter } from '../faq/script.js';
import type { Lang, WidgetTrigger } from '../protocol.js';
import type { StoredFaqEntry, Store } from '../store/types.js';

/** Asked on every page view (the widget's config): the FAQ and its settings come from the registry's memory, not the database. */
export async function widgetTriggers(store: Store, registry: FaqRegistry, siteId: string, lang: Lang): Promise<WidgetTrigger[]> {
  const rules = (await store.listTriggers(siteId)).map((t) => t.rule).filter((r) => r.enabled);
  if (rules.length === 0) return [];
  const offersFaq = rules.some((r) => r.action.faqId);
  const enabled = offersFaq ? (await registry.entries(siteId)).filter((e) => e.enabled) : [];
  const inScript = scriptConverter(offersFaq ? (await registry.settings(siteId)).convertScript : true);
  const byId = new Map(enabled.map((e) => [e.id, e]));
  const inLang = (entry: StoredFaqEntry): StoredFaqEntry =>
    (entry.topic !== undefined && enabled.find((e) => e.topic === entry.topic && e.lang === lang)) || entry;
  return rules.map(({ enabled: _enabled, name: _name, ...rule }) => {
    const entry = rule.action.faqId ? byId.get(rule.action.faqId) : undefined;
    if (!entry) return rule;
    const shown = inLang(entry);
    return { ...rule, faq: { question: inScript(shown.question, shown.lang, lang), answer: inScript(shown.answer, shown.lang, lang) } };
  });
}
