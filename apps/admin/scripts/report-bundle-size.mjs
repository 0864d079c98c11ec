#!/usr/bin/env node
// Gzipped size of the JavaScript the first page loads before anything else: the entry script(s) of dist/index.html
// plus every chunk it asks the browser to preload. Lazy page chunks are not counted: they load on navigation.
// Fails (exit 1) above the budget from issue 7. Usage: node scripts/report-bundle-size.mjs [distDir]
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1000;
const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(process.argv[2] ?? join(here, '..', 'dist'));
const indexPath = join(distDir, 'index.html');

if (!existsSync(indexPath)) {
  console.error(`bundle size: ${indexPath} not found; run vite build first`);
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');

const attr = (tag, name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
const urls = new Set();
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attr(tag, 'src');
  if (src && /type\s*=\s*["']module["']/i.test(tag)) urls.add(src);
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  const rel = attr(tag, 'rel');
  const href = attr(tag, 'href');
  if (href && rel && rel.toLowerCase() === 'modulepreload') urls.add(href);
}
if (urls.size === 0) {
  console.error('bundle size: index.html loads no module script; is this a Vite build?');
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let rawTotal = 0;
let gzipTotal = 0;
const rows = [];
for (const url of urls) {
  if (/^(https?:)?\/\//.test(url)) {
    console.error(`bundle size: ${url} is not served from dist; cannot measure it`);
    process.exit(1);
  }
  const file = join(distDir, url.replace(/^\//, '').split(/[?#]/)[0]);
  const content = readFileSync(file);
  const gzipped = gzipSync(content, { level: 9 }).length;
  rawTotal += content.length;
  gzipTotal += gzipped;
  rows.push(`  ${url}  ${kb(content.length)} raw, ${kb(gzipped)} gzip`);
}

console.log('Initial JavaScript of the first page (entry + modulepreload):');
console.log(rows.join('\n'));
const verdict = gzipTotal <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`initial JS: ${kb(gzipTotal)} gzipped (${kb(rawTotal)} raw), ${verdict} the ${kb(BUDGET_BYTES)} budget`);
process.exit(gzipTotal <= BUDGET_BYTES ? 0 : 1);
