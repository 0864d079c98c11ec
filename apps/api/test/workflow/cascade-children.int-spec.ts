import { DataSource } from 'typeorm';
import { CascadeChildren } from '../../src/modules/workflow/cascade/cascade-children';
import type { UnitRow } from '../../src/modules/org';
import { ItemsService } from '../../src/modules/workflow/items/items.service';
import type { TestApp } from '../support/test-app';
import { startWorkflowApp, unitIdByCode } from './workflow-test-kit';

const UNIT_COLUMNS = `u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path`;
// Quotes and a backslash in the title: the set-based SQL and the item-by-item path must escape alike.
const TITLE = 'Phát động "Văn hóa công sở" \\ 2019';
const SYSTEM = { kind: 'system', reason: 'cascade' } as const;

/**
 * Issue 17, line 4: a batch of fan-out children is written set-based (one statement for items, history,
 * timers and outbox rows), and what it writes is exactly what the item-by-item path writes for the same units.
 */
describe('cascade children, set-based', () => {
  let t: TestApp;
  let ds: DataSource;
  let items: ItemsService;
  let children: CascadeChildren;

  beforeAll(async () => {
    t = await startWorkflowApp();
    ds = t.dataSource;
    items = t.app.get(ItemsService, { strict: false });
    children = t.app.get(CascadeChildren, { strict: false });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A bare parent item (a launch in draft) that children can point at. */
  async function parentItem(): Promise<string> {
    const [unit] = await ds.query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.code = 'LDLD-NT'`);
    const { compiled } = await items.publishedDefinition('launch');
    const { rows } = await ds.transaction((m) => items.createMany(m, SYSTEM, compiled, [{ unit, title: TITLE, data: {}, campaignId: null, parentItemId: null }]));
    return rows[0].id;
  }

  /** Everything written for a parent's children, with the ids that differ between two parents taken out. */
  async function written(parentId: string): Promise<unknown> {
    const rows = await ds.query(
      `SELECT unit_id, unit_path, title, stage, status, outcome, data, snapshot, assigned_unit_id, assigned_unit_path, assigned_role, assigned_user_id,
              due_at, submitter_id, created_by, version, workflow_key, workflow_version, definition_id, campaign_id
         FROM work_item WHERE parent_item_id = $1 ORDER BY unit_id`,
      [parentId],
    );
    const events = await ds.query(
      `SELECT w.unit_id, e.item_version, e.event, e.actor_user_id, e.on_behalf_of_user_id, e.actor_unit_path, e.from_stage, e.to_stage, e.comment, e.changes,
              e.details - 'parentItemId' AS details, e.details->>'parentItemId' = w.parent_item_id::text AS "pointsAtParent"
         FROM work_item_event e JOIN work_item w ON w.id = e.item_id WHERE w.parent_item_id = $1 ORDER BY w.unit_id, e.id`,
      [parentId],
    );
    const timers = await ds.query(
      `SELECT w.unit_id, tm.key, tm.kind, tm.stage, tm.fire_at, tm.status FROM workflow_timer tm JOIN work_item w ON w.id = tm.item_id
        WHERE w.parent_item_id = $1 ORDER BY w.unit_id, tm.key`,
      [parentId],
    );
    const outbox = await ds.query(
      `SELECT w.unit_id, o.topic, o.payload - 'itemId' - 'eventKey' AS payload, o.payload->>'itemId' = w.id::text AS "pointsAtItem",
              o.payload->>'eventKey' IS NULL OR o.payload->>'eventKey' = w.id::text || '@1' AS "keyedByItem"
         FROM outbox o JOIN work_item w ON w.id::text = o.payload->>'itemId' WHERE w.parent_item_id = $1 ORDER BY w.unit_id, o.topic`,
      [parentId],
    );
    return { rows, events, timers, outbox };
  }

  it.each([
    ['launch_ack', 'upper_union', 'LDLD-NT'],
    ['unit_plan', 'grassroots_union', 'CDN-YT'],
  ])('%s children of %s units: one statement writes what the item-by-item path writes', async (workflow, kind, rootCode) => {
    const root = await unitIdByCode(t, rootCode);
    const units: UnitRow[] = await ds.query(
      `SELECT ${UNIT_COLUMNS} FROM unit u JOIN unit r ON r.id = $1 WHERE u.kind = $2 AND u.status = 'active' AND u.path LIKE r.path || '%' ORDER BY u.id`,
      [root, kind],
    );
    expect(units.length).toBeGreaterThan(2);
    const def = await items.publishedDefinition(workflow);
    const now = new Date('2026-03-02T08:00:00.000Z');
    const [setParent, oneByOneParent] = [await parentItem(), await parentItem()];

    const spawned = await ds.transaction((m) => children.spawn(m, SYSTEM, def, { id: setParent, title: TITLE, campaignId: null }, units, now));
    expect(spawned.setBased).toBe(true);
    expect(spawned.rows).toHaveLength(units.length);
    const created = await ds.transaction((m) =>
      items.createMany(m, SYSTEM, def.compiled, units.map((u) => ({ unit: u, title: `${TITLE} — ${u.name}`, data: {}, campaignId: null, parentItemId: oneByOneParent })), now),
    );
    expect(spawned.outbox.length).toBe(created.outbox.length);
    expect(spawned.outbox.length).toBeGreaterThan(0);

    const a = await written(setParent);
    expect(a).toEqual(await written(oneByOneParent));
    const { events, timers } = a as { events: Array<{ pointsAtParent: boolean }>; timers: unknown[] };
    expect(events).toHaveLength(units.length);
    expect(events.every((e) => e.pointsAtParent)).toBe(true);
    expect(timers.length).toBeGreaterThan(0);

    // A repeated batch (a crash after the commit, before the cursor moved) writes nothing more.
    const again = await ds.transaction((m) => children.spawn(m, SYSTEM, def, { id: setParent, title: TITLE, campaignId: null }, units, now));
    expect(again).toMatchObject({ rows: [], outbox: [], setBased: true });
    expect(await written(setParent)).toEqual(a);
  });
});
