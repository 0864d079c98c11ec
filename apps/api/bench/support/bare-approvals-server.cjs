// The same-run reference of the approvals bench (issue 17, line 1): a bare `node:http` + `pg` server doing the save
// an approval does, on the product's own tables (work_item, work_item_event, outbox, with all their indexes and
// triggers), and nothing else: no framework, no auth, no engine, no JSON schema. Per request: the item read (1) and
// the product's one-statement save (WorkItemRepository.saveStepAtomically: the version-checked UPDATE, the history
// row and the outbox row as data-modifying CTEs) (1) — the two round trips the issue allows an approval.
// Outbox rows are written already relayed (dispatched_at, completed_at) so the product's relay, running beside it on
// the same database, leaves them alone.
//
//   DATABASE_URL=… PORT=… POOL_SIZE=20 node bare-approvals-server.cjs   (prints "listening <port>" when ready)
const http = require('node:http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const NEXT = { s1: 's2', s2: 's3', s3: 'done' };

const SAVE = `WITH u AS (
   UPDATE work_item SET stage = $3, status = $4, outcome = $5, data = $6, snapshot = $7, assigned_unit_id = $8,
          assigned_unit_path = $9, assigned_role = $10, assigned_user_id = $11, due_at = $12, submitter_id = $13,
          submitted_at = CASE WHEN $14 THEN COALESCE(submitted_at, now()) ELSE submitted_at END,
          excluded_user_ids = $27::uuid[], version = version + 1, updated_at = now()
    WHERE id = $1 AND version = $2 RETURNING id),
 ev AS (
   INSERT INTO work_item_event (item_id, item_version, event, actor_user_id, on_behalf_of_user_id, actor_unit_path, from_stage, to_stage, comment, changes, details, request_id)
   SELECT u.id, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25 FROM u),
 ob AS (
   INSERT INTO outbox (topic, payload, dispatched_at, completed_at)
   SELECT m.topic, m.payload, now(), now() FROM u, jsonb_to_recordset($26::jsonb) AS m(topic text, payload jsonb)
   RETURNING id, topic, payload)
 SELECT (SELECT count(*) FROM u)::int AS updated, (SELECT json_agg(ob) FROM ob) AS outbox`;

async function approve(id, userId) {
  const { rows } = await pool.query(
    `SELECT id, version, stage, status, data, snapshot, assigned_unit_id, assigned_unit_path, assigned_role, submitter_id, unit_id, unit_path
       FROM work_item WHERE id = $1`,
    [id],
  );
  const it = rows[0];
  if (!it) return { status: 404, body: { code: 'NOT_FOUND' } };
  const to = NEXT[it.stage];
  if (!to || it.status === 'final') return { status: 409, body: { code: 'ACTION_NOT_ALLOWED' } };
  const final = to === 'done';
  const snapshot = { ...it.snapshot, stage: to, status: final ? 'final' : 'active', seq: (it.snapshot.seq ?? 0) + 1, trail: [...(it.snapshot.trail ?? []), to] };
  const message = { topic: 'workflow.notify', payload: { to: { unitId: it.assigned_unit_id, role: 'supervisor' }, template: final ? 'item.finished' : 'item.assigned', params: { stage: to }, itemId: id } };
  const r = await pool.query(SAVE, [
    id, it.version, to, final ? 'final' : 'active', final ? 'approved' : null, JSON.stringify(it.data), JSON.stringify(snapshot),
    final ? null : it.assigned_unit_id, final ? null : it.assigned_unit_path, final ? null : it.assigned_role, null,
    final ? null : new Date(Date.now() + 5 * 86400_000), it.submitter_id, false,
    it.version + 1, 'approve', userId, null, it.unit_path, it.stage, to, null, JSON.stringify({ stage: { from: it.stage, to } }),
    JSON.stringify({ audit: [{ action: 'approve' }] }), null, JSON.stringify([message]), [],
  ]);
  if (r.rows[0].updated !== 1) return { status: 409, body: { code: 'ITEM_CHANGED' } };
  return { status: 200, body: { id, stage: to, status: final ? 'final' : 'active', version: it.version + 1 } };
}

const server = http.createServer((req, res) => {
  const m = /^\/items\/([0-9a-f-]{36})\/approve$/.exec(req.url ?? '');
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', async () => {
    try {
      if (req.method !== 'POST' || !m) throw Object.assign(new Error('not found'), { status: 404 });
      const body = raw ? JSON.parse(raw) : {};
      const out = await approve(m[1], body.userId ?? null);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    } catch (e) {
      res.writeHead(e.status ?? 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'ERROR', message: String(e.message).slice(0, 200) }));
    }
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
