// What the widget gets of a site's triggers: the enabled rules in priority order, without
// what only the console needs (name), and with the FAQ answer a prompt offers resolved, so
// a click shows it without another request.
import type { WidgetTrigger } from '../protocol.js';
import type { Store } from '../store/types.js';

export async function widgetTriggers(store: Store, siteId: string): Promise<WidgetTrigger[]> {
  const rules = (await store.listTriggers(siteId)).map((t) => t.rule).filter((r) => r.enabled);
  if (rules.length === 0) return [];
  const faq = rules.some((r) => r.action.faqId) ? new Map((await store.listFaqEntries(siteId)).filter((e) => e.enabled).map((e) => [e.id, e])) : null;
  return rules.map(({ enabled: _enabled, name: _name, ...rule }) => {
    const entry = rule.action.faqId ? faq?.get(rule.action.faqId) : undefined;
    return entry ? { ...rule, faq: { question: entry.question, answer: entry.answer } } : rule;
  });
}
