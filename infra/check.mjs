// No Docker engine or cluster runs on the CI machine, so check what can be checked without one:
//  - the Dockerfile: multi-stage, production dependencies only, a non-root user, the health check script, the files
//    it copies and runs exist after `turbo run build`; a .dockerignore that keeps node_modules, dist and data out;
//  - the health check script answers 0/1 for api and worker roles against a live and a dead listener;
//  - docker-compose.yml: required secrets, restart policies, seeding only in the migrate job, volumes for the
//    database, Redis (append-only) and files; every variable it sets is one the API documents in .env.example;
//  - the Kubernetes manifests (infra/k8s, kustomize): every resource the kustomization lists validates against the
//    Kubernetes JSON schemas (kubernetes-models), with probes, an autoscaler, and the migrate Job.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const problems = [];
const dockerfile = readFileSync('infra/Dockerfile', 'utf8');
const composeText = readFileSync('docker-compose.yml', 'utf8');
const envExample = readFileSync('.env.example', 'utf8');

// --- Dockerfile ---
for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
  for (const src of m[1].split(/\s+/)) if (!existsSync(src)) problems.push(`Dockerfile copies missing ${src}`);
}
for (const m of dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) /gm)) {
  if (!existsSync(m[1])) problems.push(`Dockerfile copies ${m[1]} from the build stage, which turbo run build does not produce`);
}
const compose = parse(composeText, { merge: true });
const commands = [
  ...[...dockerfile.matchAll(/^(?:CMD|HEALTHCHECK .*CMD) \[(.+)\]$/gm)].map((m) => JSON.parse(`[${m[1]}]`)),
  ...Object.values(compose.services).flatMap((s) => (Array.isArray(s.command) && s.command[0] === 'node' ? [s.command] : [])),
];
for (const parts of commands) {
  const file = parts.find((p) => /\.(m?js)$/.test(p));
  if (file && !existsSync(file)) problems.push(`the image runs ${file}, which the build does not produce`);
}
if (!/npx turbo run build/.test(dockerfile)) problems.push('Dockerfile does not build with turbo like npm start does');
if ((dockerfile.match(/^FROM /gm) ?? []).length < 3) problems.push('Dockerfile is not multi-stage (build, prod-deps, runtime)');
if (!/npm ci --omit=dev/.test(dockerfile)) problems.push('the runtime stage does not install production dependencies only (npm ci --omit=dev)');
const lastUser = [...dockerfile.matchAll(/^USER (\S+)/gm)].at(-1)?.[1];
if (!lastUser || lastUser === 'root' || lastUser === '0') problems.push('the image runs as root (no USER)');
if (!/^HEALTHCHECK .*infra\/healthcheck\.mjs/m.test(dockerfile)) problems.push('HEALTHCHECK does not use infra/healthcheck.mjs (which checks workers too)');
if (!existsSync('.dockerignore')) problems.push('.dockerignore is missing');
else {
  const ignored = readFileSync('.dockerignore', 'utf8');
  for (const p of ['node_modules', 'dist', '.git', '.data', '.env']) if (!ignored.includes(p)) problems.push(`.dockerignore does not exclude ${p}`);
}

// --- the health check script, against a live and a dead listener ---
async function checkHealthScript() {
  // A listener in a child process (spawnSync below blocks this one's event loop) that answers the two health paths.
  const { spawn } = await import('node:child_process');
  const child = spawn(
    process.execPath,
    ['-e', `const s=require('node:http').createServer((q,r)=>r.writeHead(q.url==='/health'||q.url==='/api/health'?200:404).end());s.listen(0,'127.0.0.1',()=>console.log(s.address().port))`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const live = Number(await new Promise((r) => child.stdout.once('data', (d) => r(String(d).trim()))));
  const run = (env) => spawnSync(process.execPath, ['infra/healthcheck.mjs'], { env: { PATH: process.env.PATH, HEALTHCHECK_TIMEOUT_MS: '5000', ...env }, encoding: 'utf8' }).status;
  try {
    const cases = [
      [{ PROCESS_ROLE: 'api', PORT: String(live) }, 0, 'api on PORT'],
      [{ PROCESS_ROLE: 'worker', METRICS_PORT: String(live) }, 0, 'worker on METRICS_PORT'],
      [{ PROCESS_ROLE: 'worker' }, 1, 'worker without METRICS_PORT'],
      [{ PROCESS_ROLE: 'api', PORT: '1' }, 1, 'api not listening'],
    ];
    for (const [env, expected, what] of cases) {
      const status = run(env);
      if (status !== expected) problems.push(`healthcheck.mjs (${what}) exited ${status}, expected ${expected}`);
    }
  } finally {
    child.kill();
  }
}
await checkHealthScript();

// --- compose ---
const known = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
for (const m of composeText.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)) {
  if (!known.has(m[1]) && !m[1].startsWith('POSTGRES_')) problems.push(`compose sets ${m[1]}, not documented in .env.example`);
}
for (const secret of ['JWT_SECRET', 'POSTGRES_PASSWORD']) {
  if (!new RegExp(`\\$\\{${secret}:\\?`).test(composeText)) problems.push(`compose does not require ${secret} (\${${secret}:?…})`);
}
if (/change-me/.test(composeText)) problems.push('compose carries a default secret');
const envOf = (s) => s.environment ?? {};
for (const [name, service] of Object.entries(compose.services)) {
  const isJob = name === 'migrate';
  if (!isJob && !['unless-stopped', 'always', 'on-failure'].includes(service.restart)) problems.push(`compose service ${name} has no restart policy`);
  if (!isJob && String(envOf(service).SEED_DEMO_DATA ?? 'false') !== 'false') problems.push(`compose service ${name} may seed; only the migrate job seeds`);
  if (!isJob && envOf(service).DATABASE_URL && String(envOf(service).MIGRATE_ON_START) !== 'false') problems.push(`compose service ${name} migrates on start; only the migrate job does`);
}
if (!compose.services.migrate?.command?.includes('apps/api/dist/migrate-job.js')) problems.push('the compose migrate job does not run migrate-job.js');
const volumesOf = (s) => (s?.volumes ?? []).map((v) => String(v).split(':')[1]);
if (!volumesOf(compose.services.postgres).includes('/var/lib/postgresql/data')) problems.push('PostgreSQL data is not on a volume');
if (!volumesOf(compose.services.redis).includes('/data')) problems.push('Redis data is not on a volume');
if (!(compose.services.redis?.command ?? []).join(' ').includes('--appendonly yes')) problems.push('Redis is not append-only');
if (!volumesOf(compose.services.api).includes('/data/uploads')) problems.push('uploaded files are not on a volume');

// --- Kubernetes (kustomize base) ---
const K8S = 'infra/k8s';
const kustomization = parse(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8'));
const modelOf = (apiVersion, kind) => {
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  const module = require(`kubernetes-models/${group === 'v1' ? 'v1' : group}`);
  return module[kind];
};
const resources = [];
for (const file of kustomization.resources ?? []) {
  const path = join(K8S, file);
  if (!existsSync(path)) {
    problems.push(`kustomization lists missing ${file}`);
    continue;
  }
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (doc.errors.length) problems.push(`${file}: ${doc.errors[0].message}`);
    const object = doc.toJSON();
    if (!object) continue;
    const Model = modelOf(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${file}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model({ ...object, metadata: { ...object.metadata, namespace: kustomization.namespace } }).validate();
    } catch (e) {
      problems.push(`${file} (${object.kind} ${object.metadata?.name}): ${e.message}`);
    }
    resources.push(object);
  }
}
const byKind = (kind) => resources.filter((r) => r.kind === kind);
const deployments = byKind('Deployment');
for (const role of ['api', 'worker']) {
  const d = deployments.find((x) => x.spec.template.spec.containers[0].env?.some((e) => e.name === 'PROCESS_ROLE' && e.value === role));
  if (!d) {
    problems.push(`no Deployment with PROCESS_ROLE=${role}`);
    continue;
  }
  const c = d.spec.template.spec.containers[0];
  for (const probe of ['livenessProbe', 'readinessProbe']) if (!c[probe]) problems.push(`${d.metadata.name} has no ${probe}`);
  if (!d.spec.template.spec.securityContext?.runAsNonRoot) problems.push(`${d.metadata.name} may run as root`);
  if (!byKind('HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === d.metadata.name)) problems.push(`${d.metadata.name} has no autoscaler`);
}
const job = byKind('Job')[0];
if (!job?.spec.template.spec.containers[0].command?.includes('apps/api/dist/migrate-job.js')) problems.push('no migrate Job running migrate-job.js');
const config = byKind('ConfigMap')[0]?.data ?? {};
if (config.SEED_DEMO_DATA !== 'false' || config.MIGRATE_ON_START !== 'false') problems.push('the ConfigMap lets replicas migrate or seed');
for (const key of Object.keys(config)) if (!known.has(key)) problems.push(`the ConfigMap sets ${key}, not documented in .env.example`);

if (problems.length) {
  console.error(problems.map((p) => `- ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  `infra check: Dockerfile, healthcheck, compose and ${resources.length} Kubernetes resources (schema-valid) agree with the build and the config (${commands.length} commands checked)`,
);
