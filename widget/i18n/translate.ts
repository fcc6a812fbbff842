// `t('queuePosition', { n: 3 })` over one language's table. The chat is handed the table of
// the shopper's language only (the loader fetched it beside the chat): no other language's
// words are downloaded.
import type { Strings } from './en.js';

export type Translate = (key: keyof Strings, vars?: Record<string, string | number>) => string;

export function translator(table: Strings): Translate {
  return (key, vars) => {
    let s = table[key];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
    return s;
  };
}

/** Two sentences as one line: Chinese puts no space after its full stop, other languages do. */
export function sentences(first: string, second: string): string {
  return /[。！？]$/.test(first) ? first + second : `${first} ${second}`;
}
