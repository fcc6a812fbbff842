// A prompt's text in the shopper's language: theirs, else English, else whichever the shop wrote.
import type { Lang, WidgetTrigger } from '../../server/protocol.js';

export function textIn(text: WidgetTrigger['action']['text'], lang: Lang): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}
