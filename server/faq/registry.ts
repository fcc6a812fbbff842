// Every site's FAQ, ready to match: one FaqIndex per site, loaded from the store on the
// site's first question and then kept current one entry at a time. Changes to a site's FAQ
// go through the registry's write methods, which write to the store and then update the
// index; whoever writes to the store some other way in this process calls `invalidate(siteId)`.
// Another process's writes (`deskbell faq import` or `faq thresholds` while the server runs)
// are noticed by the database itself (Store.writesElsewhere) and reload every site.

import { LANGS } from '../protocol.js';
import type { BotSettings, BotSettingsPatch, FaqEntryInput, FaqImportResult, StoredFaqEntry, Store } from '../store/types.js';
import { createFaqIndex, type FaqIndex } from './index.js';
import { match } from './match.js';
import { previewThresholds, weighFaq, type BotPreview, type FaqWeighing } from './preview.js';
import type { FaqEntry, FaqLang, MatchResult, MatchThresholds } from './types.js';

interface SiteFaq {
  index: FaqIndex;
  entries: Map<string, StoredFaqEntry>;
  settings: BotSettings;
  /** The FAQ asked its own wordings (preview.ts), kept until the FAQ changes: thresholds alone do not change it. */
  weighing?: Promise<FaqWeighing>;
}

/**
 * What the matcher indexes for an entry: keywords count as one more phrasing, so a
 * question made of them finds the entry (the matcher itself knows only phrasings).
 */
export function indexedEntry(entry: FaqEntryInput): FaqEntry {
  const { id, lang, question, phrasings, keywords, answer, tags, enabled, topic } = entry;
  const indexed: FaqEntry = { id, lang, question, phrasings: keywords.length > 0 ? [...phrasings, keywords.join(' ')] : phrasings, answer, tags, enabled };
  if (topic !== undefined) indexed.topic = topic;
  return indexed;
}

function asLang(lang: string | null | undefined): FaqLang | undefined {
  return LANGS.find((l) => l === lang);
}

export class FaqRegistry {
  readonly #store: Store;
  /** A promise, so that concurrent first questions for a site load it once. */
  readonly #sites = new Map<string, Promise<SiteFaq>>();
  /** Store.writesElsewhere when the sites above were loaded or last checked. */
  #seen: number | null = null;

  constructor(store: Store) {
    this.#store = store;
  }

  /**
   * The bot's decision for a shopper's question on a site, with the site's thresholds:
   * `{ decision: 'answer' | 'suggest' | 'escalate' | 'none', matches: [{ id, question, score }] }`,
   * best first, at most three (see docs/faq-matcher.md). `lang` is the shopper's language
   * when known (anything but en, zh-TW, zh-CN, th counts as unknown: the question's
   * script decides). Disabled entries never match. For `answer`, reply with
   * `entry(siteId, matches[0].id)`'s answer.
   */
  async match(siteId: string, question: string, lang?: string | null): Promise<MatchResult> {
    const site = await this.#site(siteId);
    return match(site.index, question, { lang: asLang(lang), thresholds: site.settings.thresholds });
  }

  /** One entry of a site's FAQ, with its answer; null if there is none with that id. */
  async entry(siteId: string, id: string): Promise<StoredFaqEntry | null> {
    return (await this.#site(siteId)).entries.get(id) ?? null;
  }

  /** The site's whole FAQ, in order (disabled entries too). */
  async entries(siteId: string): Promise<StoredFaqEntry[]> {
    return [...(await this.#site(siteId)).entries.values()];
  }

  async settings(siteId: string): Promise<BotSettings> {
    return (await this.#site(siteId)).settings;
  }

  /**
   * What `thresholds` would do with the site's own wordings (preview.ts). The first call
   * after a FAQ change weighs the FAQ (in slices, up to a second for 2,000 entries); later
   * ones, whatever their thresholds, only count. A change during the weighing is seen by
   * the next call.
   */
  async preview(siteId: string, thresholds: MatchThresholds): Promise<BotPreview> {
    const site = await this.#site(siteId);
    let weighing = site.weighing;
    if (!weighing) {
      weighing = weighFaq([...site.entries.values()].map((e) => ({ entry: indexedEntry(e), asks: [e.question, ...e.phrasings] })));
      site.weighing = weighing;
      const started = weighing;
      // A failed weighing is not kept: the next preview tries again.
      started.catch(() => {
        if (site.weighing === started) delete site.weighing;
      });
    }
    return previewThresholds(await weighing, thresholds);
  }

  /** Store.importFaqEntries, then only the added, updated and removed entries are re-indexed. */
  async import(siteId: string, entries: FaqEntryInput[], options: { replace?: boolean } = {}): Promise<FaqImportResult> {
    const result = await this.#store.importFaqEntries(siteId, entries, options);
    await this.#apply(siteId, (site) => {
      delete site.weighing;
      site.entries = new Map(result.entries.map((e) => [e.id, e]));
      for (const id of result.removed) site.index.remove(id);
      for (const id of [...result.added, ...result.updated]) {
        const entry = site.entries.get(id);
        if (entry) site.index.upsert(indexedEntry(entry));
      }
    });
    return result;
  }

  async upsert(siteId: string, entry: FaqEntryInput): Promise<StoredFaqEntry> {
    const stored = await this.#store.upsertFaqEntry(siteId, entry);
    await this.#apply(siteId, (site) => {
      delete site.weighing;
      site.entries.set(stored.id, stored);
      site.index.upsert(indexedEntry(stored));
    });
    return stored;
  }

  async remove(siteId: string, id: string): Promise<boolean> {
    const removed = await this.#store.deleteFaqEntry(siteId, id);
    await this.#apply(siteId, (site) => {
      delete site.weighing;
      site.entries.delete(id);
      site.index.remove(id);
    });
    return removed;
  }

  async updateSettings(siteId: string, patch: BotSettingsPatch): Promise<BotSettings> {
    const settings = await this.#store.updateBotSettings(siteId, patch);
    await this.#apply(siteId, (site) => {
      site.settings = settings;
    });
    return settings;
  }

  /** Forgets a site (or every site): its next question reloads it from the store. */
  invalidate(siteId?: string): void {
    if (siteId === undefined) this.#sites.clear();
    else this.#sites.delete(siteId);
  }

  #site(siteId: string): Promise<SiteFaq> {
    // Another process wrote to the database: it cannot say which site it changed, and such
    // writes are rare (the command line), so every loaded site reloads on its next use.
    // ~2 µs a call (measured: 1.85); a question costs 50-100 times that.
    const version = this.#store.writesElsewhere();
    if (this.#seen !== version) {
      if (this.#seen !== null) this.#sites.clear();
      this.#seen = version;
    }
    let site = this.#sites.get(siteId);
    if (!site) {
      site = this.#load(siteId);
      this.#sites.set(siteId, site);
      // A failed load is not cached: the next question tries again.
      site.catch(() => {
        if (this.#sites.get(siteId) === site) this.#sites.delete(siteId);
      });
    }
    return site;
  }

  async #load(siteId: string): Promise<SiteFaq> {
    const [entries, settings] = await Promise.all([this.#store.listFaqEntries(siteId), this.#store.getBotSettings(siteId)]);
    return {
      index: createFaqIndex(entries.map(indexedEntry)),
      entries: new Map(entries.map((e) => [e.id, e])),
      settings,
    };
  }

  /**
   * Applies a change already written to the store to a loaded (or loading) site. A site
   * not loaded yet needs nothing: it will load the change. Applying is idempotent, so a
   * load that already saw the change is not harmed by it.
   */
  async #apply(siteId: string, change: (site: SiteFaq) => void): Promise<void> {
    const pending = this.#sites.get(siteId);
    if (!pending) return;
    let site: SiteFaq;
    try {
      site = await pending;
    } catch {
      return; // the failed load is dropped; the next question reloads
    }
    if (this.#sites.get(siteId) === pending) change(site);
  }
}
