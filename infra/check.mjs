// No Docker engine runs on the CI machine, so check what can be checked without one:
// the files the image copies and runs exist after `turbo run build`, and every variable the
// compose file sets is one the API knows (documented in .env.example).
import { existsSync, readFileSync } from 'node:fs';

const problems = [];
const dockerfile = readFileSync('infra/Dockerfile', 'utf8');
const compose = readFileSync('docker-compose.yml', 'utf8');
const envExample = readFileSync('.env.example', 'utf8');

for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
  for (const src of m[1].split(/\s+/)) if (!existsSync(src)) problems.push(`Dockerfile copies missing ${src}`);
}
const commands = [...dockerfile.matchAll(/CMD \[(.+)\]/g), ...compose.matchAll(/command: \[(.+)\]/g)];
for (const m of commands) {
  const parts = JSON.parse(`[${m[1]}]`);
  const file = parts.find((p) => p.endsWith('.js'));
  if (file && !existsSync(file)) problems.push(`image runs ${file}, which the build does not produce`);
}
if (!/npx turbo run build/.test(dockerfile)) problems.push('Dockerfile does not build with turbo like npm start does');
const known = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
for (const m of compose.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)) {
  if (!known.has(m[1]) && !m[1].startsWith('POSTGRES_')) problems.push(`compose sets ${m[1]}, not documented in .env.example`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`infra check: Dockerfile and docker-compose.yml agree with the build and the config (${commands.length} commands checked)`);
