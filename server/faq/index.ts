// A site's FAQ index: one inverted index per language group (en, zh, th), kept up to date
// one entry at a time as agents edit the FAQ, so a change never rebuilds the whole index.

import { LangGroupIndex } from './group.js';
import { langGroup, type LangGroup } from './language.js';
import type { FaqEntry, FaqLang } from './types.js';

export class FaqIndex {
  readonly #groups = new Map<LangGroup, LangGroupIndex>();
  /** Which group holds each indexed entry, so an upsert that changes the language finds the old one. */
  readonly #groupOf = new Map<string, LangGroup>();
  /** Enabled entries that have translations, by topic and language (see FaqEntry.topic). */
  readonly #topics = new Map<string, Map<FaqLang, FaqEntry>>();

  /** Number of entries that can match (enabled ones). */
  get size(): number {
    return this.#groupOf.size;
  }

  has(id: string): boolean {
    return this.#groupOf.has(id);
  }

  /**
   * Adds or replaces an entry. A disabled entry is taken out of the index, not just hidden:
   * it must not count in the statistics that weigh the other entries' words either.
   */
  upsert(entry: FaqEntry): void {
    this.remove(entry.id);
    if (!entry.enabled) return;
    const key = langGroup(entry.lang);
    let group = this.#groups.get(key);
    if (!group) {
      group = new LangGroupIndex();
      this.#groups.set(key, group);
    }
    // A copy: the caller may go on editing its object, and the index must not change under it.
    const copy: FaqEntry = { ...entry, phrasings: [...entry.phrasings], tags: [...entry.tags] };
    group.add(copy);
    this.#groupOf.set(entry.id, key);
    if (copy.topic !== undefined) {
      let versions = this.#topics.get(copy.topic);
      if (!versions) {
        versions = new Map();
        this.#topics.set(copy.topic, versions);
      }
      versions.set(copy.lang, copy);
    }
  }

  /** Removes an entry; returns false if it was not indexed. */
  remove(id: string): boolean {
    const key = this.#groupOf.get(id);
    if (key === undefined) return false;
    const group = this.#groups.get(key);
    const entry = group?.entry(id);
    group?.remove(id);
    this.#groupOf.delete(id);
    const versions = entry?.topic === undefined ? undefined : this.#topics.get(entry.topic);
    if (entry && versions?.get(entry.lang)?.id === id) {
      versions.delete(entry.lang);
      if (versions.size === 0) this.#topics.delete(entry.topic!);
    }
    return true;
  }

  /**
   * The version of an indexed entry in another language: the enabled entry with the same
   * topic in `lang` (the entry itself when it is in `lang`), or undefined when it has none.
   */
  translation(entry: FaqEntry, lang: FaqLang): FaqEntry | undefined {
    if (entry.lang === lang) return entry;
    return entry.topic === undefined ? undefined : this.#topics.get(entry.topic)?.get(lang);
  }

  /** @internal The index of one language group, for match.ts. */
  group(key: LangGroup): LangGroupIndex | undefined {
    const group = this.#groups.get(key);
    return group && group.size > 0 ? group : undefined;
  }
}

/** Builds a site's index from its FAQ; later entries with the same id replace earlier ones. */
export function createFaqIndex(entries: Iterable<FaqEntry> = []): FaqIndex {
  const index = new FaqIndex();
  for (const entry of entries) index.upsert(entry);
  return index;
}
