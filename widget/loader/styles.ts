// The loader's CSS, inside the widget's shadow root: the launcher, its badge and the prompt
// bubble. The shop's styles can't reach in, ours can't leak out; `:host { all: initial }`
// also stops inherited properties (font, colour, line-height) coming through. The chat
// panel's rules arrive with the chat (widget/chat/styles.ts). Written compact: every byte
// here is downloaded on every page view of the shop.
export const css =
  ':host{all:initial!important;display:block!important;position:static!important}' +
  '.db-root{--db-accent:#2563eb;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Thai","PingFang TC","Microsoft JhengHei",sans-serif;color:#111827;-webkit-font-smoothing:antialiased}' +
  '.db-root *{box-sizing:border-box}' +
  '.db-launcher,.db-prompt{position:fixed;bottom:20px;right:20px;z-index:2147483000}' +
  '.db-left .db-launcher,.db-left .db-prompt{right:auto;left:20px}' +
  '.db-launcher{width:56px;height:56px;border-radius:50%;border:0;padding:0;margin:0;cursor:pointer;background:var(--db-accent);color:#fff;display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(0,0,0,.22);transition:transform .15s}' +
  '.db-launcher[hidden]{display:none}' +
  '.db-launcher:hover{transform:scale(1.05)}' +
  '.db-root button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}' +
  '.db-badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font:600 12px/22px system-ui,sans-serif;border:2px solid #fff}' +
  '.db-offer{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:6px 0 0 2px}' +
  '.db-chip{font:inherit;font-size:14px;line-height:1.3;text-align:left;padding:6px 12px;border-radius:16px;border:1px solid var(--db-accent);background:#fff;color:var(--db-accent);cursor:pointer}' +
  '.db-chip:hover,.db-prompt-x:hover{background:#f3f4f6}' +
  '.db-chip-quiet{border-color:#d1d5db;color:#374151}' +
  '.db-prompt{bottom:88px;width:min(300px,calc(100vw - 40px));padding:14px 14px 12px;background:#fff;border-radius:14px;border:1px solid #e5e7eb;box-shadow:0 8px 28px rgba(0,0,0,.18)}' +
  '.db-prompt-text{display:block;width:100%;margin:0;padding:0 22px 0 0;border:0;background:none;text-align:left;font:inherit;color:inherit;cursor:pointer}' +
  '.db-prompt-x{position:absolute;top:4px;right:4px;width:32px;height:32px;border:0;border-radius:8px;background:none;color:#4b5563;font-size:20px;line-height:1;cursor:pointer}' +
  '.db-prompt-answer{margin:8px 0 0;font-size:14px;color:#374151;white-space:pre-wrap}' +
  '.db-prompt .db-chip-quiet{margin-top:8px}' +
  '.db-live{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}' +
  '@media (max-width:480px){.db-launcher{bottom:16px;right:16px}.db-open .db-launcher{display:none}}' +
  '@media (prefers-reduced-motion:reduce){.db-launcher{transition:none}}' +
  '';
