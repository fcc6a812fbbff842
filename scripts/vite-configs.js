// Vite configurations for the two browser bundles, shared by `build` and `dev`.
import { join } from 'node:path';

const jsx = { jsx: 'automatic', jsxImportSource: 'preact' };

export const LANGS = ['en', 'zh-TW', 'zh-CN', 'th'];

/** ES modules under /widget/, named by content hash (the server caches them for a year). */
function hashedModules(root, input, minify, overrides) {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    esbuild: { ...jsx, legalComments: 'none' },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: join(root, 'dist/public'),
      emptyOutDir: false,
      target: 'es2020',
      minify,
      terserOptions: { ecma: 2020, compress: { passes: 3 } },
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      modulePreload: false,
      rollupOptions: {
        input,
        // The entries' exports are the contract with the loader (boot, the strings table, drawBubble…).
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: 'widget/[name]-[hash].js', chunkFileNames: 'widget/[name]-[hash].js' },
      },
      ...overrides,
    },
  };
}

/**
 * The chat the loader fetches when the shopper needs it: one entry for the chat and one per
 * language, so a shopper downloads only their own language's words.
 */
export function chatConfig(root, overrides = {}) {
  return hashedModules(root, {
    chat: join(root, 'widget/chat/boot.tsx'),
    ...Object.fromEntries(LANGS.map((l) => [`lang-${l}`, join(root, `widget/i18n/${l}.ts`)])),
  }, 'esbuild', overrides);
}

/**
 * The parts of the loader that only some page views need, fetched on demand: the prompt
 * bubble (when a prompt first shows) and the page watchers (when a rule waits for scroll,
 * exit intent or idle). A build of their own, so code they share with the chat (textIn, the
 * chip CSS) is copied into each rather than split into a chunk both would wait for. Terser,
 * like the loader: they are small and fetched on page views.
 */
export function partsConfig(root, overrides = {}) {
  return hashedModules(root, {
    bubble: join(root, 'widget/parts/bubble.ts'),
    watchers: join(root, 'widget/triggers/watchers.ts'),
  }, 'terser', overrides);
}

/**
 * The loader, /widget.js: the one script a shop pastes, no chunks, no framework. `files`
 * (from the chat's and the parts' builds) is written into it, so it knows the hashed names to import.
 */
export function loaderConfig(root, files, overrides = {}) {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    esbuild: { legalComments: 'none' },
    define: { 'process.env.NODE_ENV': '"production"', __DESKBELL_FILES__: JSON.stringify(files) },
    build: {
      outDir: join(root, 'dist/public'),
      emptyOutDir: false,
      target: 'es2020',
      // Terser squeezes the loader about 3 % further than esbuild: it is downloaded on every page view.
      // Measured on the loader (gzip): `{ m: function () {} }` as `{ m() {} }` (none of its methods
      // is ever called with `new`) −8 B; statements left as statements instead of joined by commas
      // compress better, −7 B. `unsafe`, `unsafe_arrows`, `pure_getters`: 0 to 8 B, not worth the risk.
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 3, unsafe_methods: true, sequences: false } },
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: join(root, 'widget/loader/main.ts'), formats: ['iife'], name: 'DeskbellWidget', fileName: () => 'widget.js' },
      ...overrides,
    },
  };
}

/**
 * The hashed file names of the chat's and the parts' entries, as the loader imports them. Each
 * must be one file: a shared chunk would be a second request the loader only discovers after
 * the first arrives.
 */
export function filesOf(chatOutput, partsOutput) {
  const chunks = [chatOutput, partsOutput].flatMap((o) => (Array.isArray(o) ? o : [o])).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  const shared = chunks.filter((c) => !c.isEntry);
  if (shared.length) throw new Error(`the widget build split off shared chunks (${shared.map((c) => c.fileName).join(', ')}): the loader would fetch them one round trip late`);
  const path = (name) => {
    const chunk = chunks.find((c) => c.name === name);
    if (!chunk) throw new Error(`the widget build has no entry ${name}`);
    return `/${chunk.fileName}`;
  };
  return { chat: path('chat'), langs: Object.fromEntries(LANGS.map((l) => [l, path(`lang-${l}`)])), bubble: path('bubble'), watchers: path('watchers') };
}

/** The console: an ordinary Vite app under /console/. */
export function consoleConfig(root, overrides = {}) {
  return {
    configFile: false,
    root: join(root, 'server/console'),
    base: '/console/',
    logLevel: 'warn',
    publicDir: false,
    esbuild: jsx,
    build: {
      outDir: join(root, 'dist/public/console'),
      emptyOutDir: true,
      target: 'es2020',
      reportCompressedSize: false,
      ...overrides,
    },
  };
}
