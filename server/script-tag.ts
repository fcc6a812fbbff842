// The tag a shop pastes into its pages: a public surface (README, `deskbell site add`, the
// console's site settings). No imports, so the console's bundle can use it as it is.
export function scriptTag(publicUrl: string, siteKey: string): string {
  return `<script src="${publicUrl.replace(/\/$/, '')}/widget.js" data-site="${siteKey}" async></script>`;
}
