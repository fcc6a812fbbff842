// The loader's CSS, inside the widget's shadow root: the launcher and its badge. The shop's
// styles can't reach in, ours can't leak out; `:host { all: initial }` also stops inherited
// properties (font, colour, line-height) coming through. The prompt bubble's rules come with
// the bubble (widget/parts/bubble.ts), the chat panel's with the chat (widget/chat/styles.ts),
// the rules both use from widget/shared-styles.ts. Written compact: every byte here is
// downloaded on every page view of the shop.
export const css =
  ':host{all:initial!important;display:block!important;position:static!important}' +
  '.db-root *{box-sizing:border-box}' +
  '.db-launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;padding:0;margin:0;cursor:pointer;background:var(--db-accent);color:var(--db-on-accent);display:grid;place-items:center;box-shadow:0 6px 20px #00000038}' +
  '.db-left .db-launcher{right:auto;left:20px}' +
  '.db-launcher[hidden]{display:none}' +
  // Grows a little under the pointer, at once: no animation, so nothing to turn off for reduced motion.
  '.db-launcher:hover{transform:scale(1.05)}' +
  // The focus ring for all of the widget (the chat and the prompt bubble too): dark on a white
  // halo, so one of the two stands out 3:1 or more on any background, the panel's white as well
  // as the shop's accent colour or page (WCAG 1.4.11; a two-colour indicator, technique C40).
  '.db-root :focus-visible{outline:3px solid #111827;outline-offset:2px;box-shadow:0 0 0 2px #fff}' +
  '.db-badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font:600 12px/22px system-ui,sans-serif;border:2px solid #fff}' +
  '.db-live{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}' +
  // (On a phone the open panel covers the launcher: the chat's CSS hides it then.)
  '@media (max-width:480px){.db-launcher{bottom:16px;right:16px}}';
