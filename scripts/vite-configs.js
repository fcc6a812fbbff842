// Vite configurations for the two browser bundles, shared by `build` and `dev`.
import { join } from 'node:path';

const jsx = { jsx: 'automatic', jsxImportSource: 'preact' };

export const LANGS = ['en', 'zh-TW', 'zh-CN', 'th'];

/**
 * The chat the loader fetches when the shopper needs it: ES modules under /widget/, named by
 * content hash (cached for a year), one entry for the chat and one per language, so a
 * shopper downloads only their own language's words.
 */
export function chatConfig(root, overrides = {}) {
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
      minify: 'esbuild',
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      modulePreload: false,
      rollupOptions: {
        input: {
          chat: join(root, 'widget/chat/boot.tsx'),
          ...Object.fromEntries(LANGS.map((l) => [`lang-${l}`, join(root, `widget/i18n/${l}.ts`)])),
        },
        // The entries' exports are the contract with the loader (boot, the strings table).
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: 'widget/[name]-[hash].js', chunkFileNames: 'widget/[name]-[hash].js' },
      },
      ...overrides,
    },
  };
}

/**
 * The loader, /widget.js: the one script a shop pastes, no chunks, no framework. `chatFiles`
 * (from the chat build) is written into it, so it knows the hashed names to import.
 */
export function loaderConfig(root, chatFiles, overrides = {}) {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    esbuild: { legalComments: 'none' },
    define: { 'process.env.NODE_ENV': '"production"', __DESKBELL_CHAT__: JSON.stringify(chatFiles) },
    build: {
      outDir: join(root, 'dist/public'),
      emptyOutDir: false,
      target: 'es2020',
      // Terser squeezes the loader about 3 % further than esbuild: it is downloaded on every page view.
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 3 } },
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: join(root, 'widget/loader/main.ts'), formats: ['iife'], name: 'DeskbellWidget', fileName: () => 'widget.js' },
      ...overrides,
    },
  };
}

/** The hashed file names of the chat build's entries, as the loader imports them. */
export function chatFilesOf(output) {
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((c) => c.type === 'chunk' && c.isEntry);
  const path = (name) => {
    const chunk = chunks.find((c) => c.name === name);
    if (!chunk) throw new Error(`the chat build has no entry ${name}`);
    return `/${chunk.fileName}`;
  };
  return { chat: path('chat'), langs: Object.fromEntries(LANGS.map((l) => [l, path(`lang-${l}`)])) };
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
