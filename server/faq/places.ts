// Country and territory names, in the four languages, from ICU (Intl.DisplayNames: nothing
// to ship or keep up to date). A FAQ cannot list every country it ships to, but a shopper
// asking "do you ship to Japan?" means the entry that says "Do you ship to Thailand and
// other countries?": both mention *a country*. analyse() adds one class term for that.

import { foldChinese } from './chinese.js';
import { normalise } from './normalise.js';
import { STOP_WORDS } from './stopwords.js';

/** The term a text gets when it names a country; normalisation can never produce "#". */
export const COUNTRY_TERM = '#country';

const LOCALES = ['en', 'zh-Hant', 'zh-Hans', 'th'];

// How shoppers name countries that ICU spells otherwise ("United States", "US", 中國大陸 is
// 中國 there): the common short forms, added by hand.
const ALIASES = ['usa', 'america', 'england', 'britain', 'scotland', 'wales', 'holland', 'อเมริกา', 'อังกฤษ', '大陆', '内地'];

let finder: RegExp | undefined;

/** True when the normalised, Chinese-folded text names a country or territory. */
export function namesCountry(text: string): boolean {
  finder ??= buildFinder();
  return finder.test(text);
}

function buildFinder(): RegExp {
  const names = new Set<string>(ALIASES);
  for (const locale of LOCALES) {
    for (const style of ['long', 'short'] as const) {
      const display = new Intl.DisplayNames([locale], { type: 'region', style });
      for (const code of regionCodes()) {
        const name = display.of(code);
        if (!name || name === code) continue;
        const folded = foldChinese(normalise(name));
        // "US" is also "us": a name that is a stop word would make every "tell us" a country.
        if (folded.length < 2 || STOP_WORDS.has(folded)) continue;
        names.add(folded);
      }
    }
  }
  const latin = [...names].filter((n) => /^[\p{Script=Latin}0-9 ]+$/u.test(n));
  const other = [...names].filter((n) => !/^[\p{Script=Latin}0-9 ]+$/u.test(n));
  const alternation = (list: string[]): string => list.sort((a, b) => b.length - a.length).map(escape).join('|');
  // Latin names are whole words; Chinese and Thai ones are found inside unspaced text.
  return new RegExp(`(?:^|\\s)(?:${alternation(latin)})(?=\\s|$)|${alternation(other)}`, 'u');
}

/** Every two-letter code; ICU names the ones it knows. ZZ is its "Unknown Region": no place. */
function* regionCodes(): Generator<string> {
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (code !== 'ZZ') yield code;
    }
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
