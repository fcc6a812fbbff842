// Text → text nodes and safe links. Never HTML: only http(s) URLs become <a>, everything
// else is rendered as text by Preact (escaped).
import type { JSX } from 'preact';

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}'"。,、!?)]+$/;

export function Linkified({ text }: { text: string }): JSX.Element {
  const parts: Array<string | JSX.Element> = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trail = TRAILING.exec(url);
    if (trail) url = url.slice(0, url.length - trail[0].length);
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a href={url} target="_blank" rel="noopener noreferrer nofollow">
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
