// CSS rules both the prompt bubble (widget/parts/bubble.ts) and the chat use: the text of the
// widget and its chips. Each adds them with its own rules when it first draws, so a page view
// that shows neither downloads none of it (the loader's own CSS is widget/loader/styles.ts).
// Added twice when both are on the page: the same rules, harmless.
export const sharedCss =
  '.db-root{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Thai","PingFang TC","Microsoft JhengHei",sans-serif;color:#111827;-webkit-font-smoothing:antialiased}' +
  '.db-offer{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:6px 0 0 2px}' +
  '.db-chip{font:inherit;font-size:14px;line-height:1.3;text-align:left;padding:6px 12px;border-radius:16px;border:1px solid var(--db-accent-text,var(--db-accent));background:#fff;color:var(--db-accent-text,var(--db-accent));cursor:pointer}' +
  // Under the pointer a chip turns into its own negative: the accent-on-white behind white text.
  // Contrast is symmetric, so the text keeps the 4.5:1 the server made the accent reach on white
  // (a grey behind the accent's text took it to 4.1:1); the change is plain on any accent.
  '.db-chip:enabled:hover{background:var(--db-accent-text,var(--db-accent));color:#fff}' +
  '.db-chip-quiet{border-color:#d1d5db;color:#374151}' +
  // Cancel and the like stay quiet: grey, with a border that shows (4.8:1 on white); text 9:1 on the grey.
  '.db-chip-quiet:enabled:hover{background:#f3f4f6;border-color:#6b7280;color:#374151}';
