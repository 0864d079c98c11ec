#!/usr/bin/env node
// Dependency hygiene, run by CI:
//  1. no workspace declares a dependency at `*`, `latest` or an empty range;
//  2. every package in package-lock.json that states `engines.node` accepts the Node version the README promises
//     (the lowest version of the root `engines.node`), so `npm install` prints no EBADENGINE warning;
//  3. every declared dependency is used: imported from the workspace's code, named in one of its config files or
//     scripts, or a tool listed below (CLIs and type packages are used without an import).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
const semver = require('semver');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const problems = [];

const floor = semver.minVersion(rootPkg.engines.node).version;

/** Used without an import: command-line tools, compilers, type packages, test runners. */
const TOOLS = new Set(['turbo', 'typescript', 'jest', '@swc/core', 'eslint', 'typescript-eslint', 'vite', 'vitest', 'playwright-core', '@redocly/cli', 'openapi-typescript']);

const workspaces = [{ dir: root, pkg: rootPkg }];
for (const pattern of rootPkg.workspaces) {
  const base = join(root, pattern.replace(/\/\*$/, ''));
  for (const name of readdirSync(base)) {
    const dir = join(base, name);
    try {
      workspaces.push({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) });
    } catch {
      /* not a package */
    }
  }
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.') || name === 'data') continue;
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) yield* files(path);
    else if (/\.(m?[jt]sx?|cjs|json)$/.test(name) && !['package.json', 'package-lock.json', 'openapi.json'].includes(name)) yield path;
  }
}

for (const { dir, pkg } of workspaces) {
  const where = relative(root, dir) || '.';
  const declared = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const [name, range] of Object.entries(declared)) {
    if (range === '*' || range === 'latest' || range === '' || range === 'x') problems.push(`${where}: ${name} is at "${range}"; pin a version`);
  }
  // The root's tools serve every workspace, so the root is checked against the whole tree.
  const text = [...files(dir)].map((f) => readFileSync(f, 'utf8')).join('\n') + JSON.stringify(pkg.scripts ?? {});
  // A peer dependency of another declared package (rxjs for Nest, say) is used through that package.
  const peers = new Set(Object.keys(declared).flatMap((d) => Object.keys(lock.packages[`node_modules/${d}`]?.peerDependencies ?? {})));
  for (const name of Object.keys(declared)) {
    if (TOOLS.has(name) || peers.has(name) || name.startsWith('@types/') || name.startsWith('@thidua/')) continue;
    const quoted = new RegExp(`['"\`]${name.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}(/[^'"\`]*)?['"\`]`);
    if (!quoted.test(text)) problems.push(`${where}: ${name} is declared but never imported or configured; remove it`);
  }
}

for (const [path, meta] of Object.entries(lock.packages)) {
  const node = meta.engines && !Array.isArray(meta.engines) ? meta.engines.node : undefined;
  if (!path || typeof node !== 'string') continue;
  if (!semver.satisfies(floor, node)) problems.push(`${path}@${meta.version} needs Node ${node}; the README promises ${rootPkg.engines.node}`);
}

if (problems.length) {
  console.error(`dependency check: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`dependency check: ${workspaces.length} workspaces, ${Object.keys(lock.packages).length - 1} locked packages, all compatible with Node ${floor}`);
