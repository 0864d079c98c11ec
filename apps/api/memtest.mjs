import { PGlite } from '@electric-sql/pglite';
const conf = process.argv[2] ? process.argv[2].split(',') : undefined;
const rss = () => Math.round(process.memoryUsage().rss/1048576);
const db = await PGlite.create({ dataDir: process.argv[3] ?? 'memory://', postgresqlconf: conf });
await db.query('select 1');
console.log('rss after start', rss(), conf);
