// Vite configurations for the two browser bundles, shared by `build` and `dev`.
import { join } from 'node:path';

const jsx = { jsx: 'automatic', jsxImportSource: 'preact' };

/** The widget: one self-contained script, no chunks, so a shop pastes one tag. */
export function widgetConfig(root, overrides = {}) {
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
      target: 'es2019',
      minify: 'esbuild',
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: join(root, 'widget/main.tsx'), formats: ['iife'], name: 'DeskbellWidget', fileName: () => 'widget.js' },
      ...overrides,
    },
  };
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
