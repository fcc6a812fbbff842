// A Chinese entry shown in the shopper's script: a Simplified reader on a site whose entry
// exists only in Traditional reads it in Simplified, and the other way round (when the entry
// has a translation in their script, that is used instead: FaqEntry.topic).
//
// Characters only (OpenCC `tw` ↔ `cn`, no phrase table): the shop's own words in the other
// script, never other words — 支持 stays 支持 rather than becoming Taiwan's 支援. Simplified →
// Traditional is one-to-many (发 → 發 or 髮); OpenCC picks by the words around it, which is
// right for ordinary prose, and the owner can always write the other version themselves.
import * as ToSimplified from 'opencc-js/t2cn';
import * as ToTraditional from 'opencc-js/cn2t';
import type { FaqLang } from './types.js';

let toSimplified: ((text: string) => string) | undefined;
let toTraditional: ((text: string) => string) | undefined;

// The links the widget makes of an answer (widget/chat/linkify.tsx): a web address is kept as
// written, or https://shop.example/運費 would point somewhere else.
const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/** `text`, written in `from`, as a reader of `to` should see it: converted only between zh-TW and zh-CN. */
export function inScript(text: string, from: FaqLang, to: FaqLang | null | undefined): string {
  let convert: ((text: string) => string) | undefined;
  if (from === 'zh-TW' && to === 'zh-CN') convert = toSimplified ??= ToSimplified.Converter({ from: 'tw', to: 'cn' });
  else if (from === 'zh-CN' && to === 'zh-TW') convert = toTraditional ??= ToTraditional.Converter({ from: 'cn', to: 'tw' });
  if (!convert) return text;
  let out = '';
  let at = 0;
  for (const url of text.matchAll(URL_RE)) {
    out += convert(text.slice(at, url.index)) + url[0];
    at = url.index + url[0].length;
  }
  return out + convert(text.slice(at));
}

const asWritten = (text: string): string => text;

/**
 * `inScript`, or the text as written when the site's owner turned the conversion off
 * (BotSettings.convertScript): every place that shows a shopper FAQ text takes its converter
 * from here, so the switch reaches all of them.
 */
export function scriptConverter(convertScript: boolean): typeof inScript {
  return convertScript ? inScript : asWritten;
}
