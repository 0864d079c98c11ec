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

export default defineConfig({
  base: '/',
  plugins: [react(), contractsWithoutSideEffects],
  resolve: {
    // The contracts package is built as CommonJS for the API; the admin consumes its TypeScript source.
    alias: { '@thidua/contracts': contractsSource, '@thidua/workflow-core': workflowCoreSource },
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
});
