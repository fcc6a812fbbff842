// A few lines of DOM building for the loader, which has no Preact: an element with its
// attributes and children. Text always goes in as text nodes, never as HTML.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** One of our own fixed icons (never data from the shop or the server). */
export function icon(path: string, size: number, attrs = 'fill="currentColor"'): DocumentFragment {
  const t = document.createElement('template');
  t.innerHTML = `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true"><path ${attrs} d="${path}"/></svg>`;
  return t.content;
}
