// Message text → text nodes and safe links. Never HTML: Preact escapes every string, and only
// http(s) URLs become <a>, opening in a new tab without handing the shop's page an opener.
import type { JSX } from 'preact';
import { safeHttpUrl } from './format.js';

// URL characters only (RFC 3986), so a URL followed directly by Chinese or Thai text without
// a space stops where the URL does.
const URL_RE = /\bhttps?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
const TRAILING = /[.,;:!?'"]+$/;

export const LINK_REL = 'noopener noreferrer nofollow';

/** Sentence punctuation after a URL is not part of it; a ")" is, when the URL opened one. */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING, '');
    if (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    if (url.endsWith(']') && count(url, '[') < count(url, ']')) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

export function Linkify({ text }: { text: string }): JSX.Element {
  const parts: Array<string | JSX.Element> = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index ?? 0;
    const raw = trimUrl(match[0]);
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a href={href} target="_blank" rel={LINK_REL} key={start}>
        {raw}
      </a>,
    );
    last = start + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
