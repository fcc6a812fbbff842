// The chat panel's CSS, added to the widget's shadow root when the chat loads: the rules it
// shares with the prompt bubble (text, chips: widget/shared-styles.ts) and its own after them,
// refining them (.db-offer-list over .db-offer). The focus ring and the live region come with
// the loader (widget/loader/styles.ts).
// The header's icon buttons turn into the negative of the header under the pointer (text-on-accent
// behind an icon in the accent): the two are 4.5:1 apart on any accent, so the state shows and the
// icon stays readable, where white at 15 % was lost on a light accent.
import { sharedCss } from '../shared-styles.js';

export const css = sharedCss + `
.db-root *::before,.db-root *::after{box-sizing:border-box}
.db-chip:disabled{opacity:.6;cursor:default}
.db-panel{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:370px;height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.25)}
.db-left .db-panel{right:auto;left:20px}
.db-header{display:flex;align-items:center;gap:8px;padding:14px 12px 14px 16px;background:var(--db-accent);color:var(--db-on-accent,#fff)}
.db-title{flex:1;margin:0;font-size:16px;font-weight:600;line-height:1.3;color:inherit}
.db-close,.db-icon{background:transparent;border:0;color:inherit;width:36px;height:36px;border-radius:8px;cursor:pointer;display:flex;align-items:center;justify-content:center}
.db-close:hover,.db-icon:hover{background:var(--db-on-accent,#fff);color:var(--db-accent)}
.db-banner{margin:0;padding:8px 16px;background:#fef3c7;color:#78350f;font-size:13px}
.db-banner-soft{background:#f3f4f6;color:#374151}
.db-notice{margin:0;padding:8px 16px;background:#f3f4f6;color:#374151;font-size:13px;text-align:center}
.db-messages{flex:1;overflow-y:auto;margin:0;padding:16px 12px;list-style:none;background:#f9fafb;overscroll-behavior:contain}
.db-root .db-messages:focus-visible{outline-offset:-5px;box-shadow:inset 0 0 0 2px #fff}
.db-msg{display:flex;flex-direction:column;max-width:85%;margin:0 0 10px}
.db-msg-them{align-items:flex-start;margin-right:auto}
.db-msg-me{align-items:flex-end;margin-left:auto}
.db-author{font-size:12px;color:#4b5563;margin:0 0 2px 4px}
.db-bubble{margin:0;padding:9px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.db-msg-them .db-bubble{background:#fff;border:1px solid #e5e7eb;border-bottom-left-radius:4px}
.db-msg-me .db-bubble{background:var(--db-accent);color:var(--db-on-accent,#fff);border-bottom-right-radius:4px}
.db-msg-me .db-bubble a{color:inherit}
.db-bubble a{color:#1d4ed8;text-decoration:underline}
.db-unsent .db-bubble{outline:2px dashed var(--db-accent-text,var(--db-accent));outline-offset:2px}
.db-unsent[data-state=failed] .db-bubble{background:#fee2e2;color:#7f1d1d;outline:0}
.db-meta{font-size:11px;color:#6b7280;margin:3px 4px 0}
.db-link{background:none;border:0;padding:0 2px;color:#1d4ed8;font:inherit;text-decoration:underline;cursor:pointer}
.db-error{font-size:12px;color:#b91c1c;margin:2px 4px 0}
.db-typing{font-size:13px;color:#6b7280;font-style:italic;padding:0 4px}
.db-composer{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb;background:#fff}
.db-input{flex:1;min-width:0;resize:none;border:1px solid #d1d5db;border-radius:12px;padding:9px 12px;font-size:16px;line-height:1.4;font-family:inherit;color:#111827;background:#fff;max-height:120px}
.db-send{width:42px;height:42px;border-radius:50%;border:0;background:var(--db-accent);color:var(--db-on-accent,#fff);cursor:pointer;display:flex;align-items:center;justify-content:center;flex:none}
.db-send:disabled{opacity:.45;cursor:default}
.db-composer-error{flex-basis:100%}
.db-offer-list{flex-direction:column;align-items:flex-start}
.db-offer-q{font-size:13px;color:#374151;margin-right:2px}
.db-typed{flex-basis:100%;margin:0 0 4px}
.db-bot-note{margin:4px 0 0 4px;font-size:12px;color:#4b5563}
.db-waiting{margin:0;padding:6px 16px;background:#eff6ff;color:#1e3a8a;font-size:13px}
.db-leave{display:flex;flex-direction:column;gap:8px;margin:0;padding:10px 12px;border-top:1px solid #e5e7eb;background:#fff}
.db-leave-intro{margin:0;font-size:13px;color:#374151;padding:0}
.db-label{display:flex;flex-direction:column;gap:4px;font-size:13px;color:#374151}
.db-row{display:flex;gap:8px;justify-content:flex-end}
.db-leave>.db-chip{align-self:flex-end}
.db-stars{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;align-items:center;gap:2px}
.db-star{background:none;border:0;padding:2px 4px;font-size:26px;line-height:1;color:#b45309;cursor:pointer}
@media (max-width:480px){
  .db-panel{inset:0;width:100%;height:var(--db-vh,100%);max-height:none;border-radius:0;bottom:auto;top:var(--db-top,0)}
  .db-left .db-panel{left:0}
  .db-open .db-launcher{display:none}
}
.db-attach{width:36px;height:42px;display:flex;align-items:center;justify-content:center;color:#4b5563;cursor:pointer;flex:none;border-radius:8px}
.db-attach:hover{color:var(--db-accent-text,var(--db-accent))}
.db-attach:focus-within{outline:3px solid #111827;outline-offset:2px;box-shadow:0 0 0 2px #fff}
.db-files{list-style:none;margin:4px 0 0;padding:0}
.db-img{display:block;max-width:220px;max-height:200px;border-radius:10px;border:1px solid #e5e7eb;font-size:13px;padding:0;color:#4b5563}
.db-history-title{font-size:14px;margin:12px 0 6px}
.db-history-list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.db-history-item{font:inherit;font-size:14px;text-align:left;width:100%;display:flex;flex-direction:column;gap:2px;padding:8px 10px;border:1px solid #e5e7eb;border-radius:10px;background:#fff;color:#111827;cursor:pointer}
.db-history-item time{font-size:12px;color:#4b5563}
`;
