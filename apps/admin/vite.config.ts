/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const contractsSource = fileURLToPath(new URL('../../packages/contracts/src/index.ts', import.meta.url));
const contractsDir = fileURLToPath(new URL('../../packages/contracts/src/', import.meta.url));
// The workflow designer runs workflow-core's pure functions (validateDefinition, toDiagram, previewRoute) in the
// browser; like the contracts, it is consumed as TypeScript source. Only the lazy workflows page imports it.
const workflowCoreSource = fileURLToPath(new URL('../../packages/workflow-core/src/index.ts', import.meta.url));

/**
 * The contracts' modules only declare schemas and constants, but the package does not say so (no `sideEffects`
 * field), so the bundler would keep every schema of every module in the first bundle. Declaring them free of side
 * effects lets a contracts module the admin does not use (yet) stay out of the bundle.
 */
const contractsWithoutSideEffects: Plugin = {
  name: 'thidua:contracts-without-side-effects',
  transform(code, id) {
    if (id.startsWith(contractsDir)) return { code, map: null, moduleSideEffects: false };
    return null;
  },
};

/**
 * React Router's package exports only its development build (warnings and checks included); the production build
 * sits beside it in dist/production. The admin's build uses that one: less script to evaluate on the first page.
 */
const reactRouterProduction = [
  { find: /^react-router$/, replacement: fileURLToPath(new URL('../../node_modules/react-router/dist/production/index.mjs', import.meta.url)) },
  { find: /^react-router\/dom$/, replacement: fileURLToPath(new URL('../../node_modules/react-router/dist/production/dom-export.mjs', import.meta.url)) },
];

export default defineConfig(({ command }) => ({
  base: '/',
  plugins: [react(), contractsWithoutSideEffects],
  resolve: {
    // The contracts package is built as CommonJS for the API; the admin consumes its TypeScript source.
    alias: [
      { find: '@thidua/contracts', replacement: contractsSource },
      { find: '@thidua/workflow-core', replacement: workflowCoreSource },
      ...(command === 'build' ? reactRouterProduction : []),
    ],
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: they change far less often than the app, so browsers keep them cached
        // across releases. Only what the first page imports is preloaded; the report script checks that total.
        codeSplitting: {
          groups: [
            // The first page's early requests (src/api/first-data.ts): a chunk of its own, evaluated before React.
            { name: 'first-data', test: /src[\\/]api[\\/]first-data\.ts$/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.spec.ts'],
  },
}));
