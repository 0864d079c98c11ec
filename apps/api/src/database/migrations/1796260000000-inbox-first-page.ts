import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's first page at national scale (issue 17, line 2). A province supervisor's scope is a subtree of
 * 20,000 waiting entries; over `idx_work_item_inbox` (role, path prefix, …) they are a path range, not in deadline
 * order, so the page read all of them and sorted them to keep 50.
 * - idx_work_item_inbox_region: the offered (unassigned) open entries by role and REGION — the path's first two
 *   levels, `/k1/k2/` (a province federation or a national sector union under the confederation) — in the page's
 *   own order (COALESCE(due_at, 'infinity'), id). A subtree scope rooted at depth 2 is exactly one region, so its
 *   branch is an equality on (role, region) and an ordered index-only walk that stops at the page's LIMIT. The
 *   expression is the one `pathRegionSql` writes (common/auth/scope-sql.ts); `due_at` and the path are included so
 *   the walk reads no heap (an expression's column must be in the index for an index-only scan).
 * - idx_work_item_inbox_due (role, deadline order; the root's scope walks it) gets the same predicate and `due_at`
 *   in INCLUDE, so its walk is index-only too (it was a plain Index Scan with a heap visit per entry).
 * Both carry the late-offering columns (`offered_from`, `offer_queue_below`: migration 1796210000000) the page filters on.
 */
export class InboxFirstPage1796260000000 implements MigrationInterface {
  name = 'InboxFirstPage1796260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_region" ON "work_item" ("assigned_role", (substring("assigned_unit_path" from '^/[^/]+/[^/]+/')), (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "due_at", "workflow_key", "stage", "excluded_user_ids", "offered_from", "offer_queue_below") WHERE "status" <> 'final' AND "assigned_user_id" IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "due_at", "workflow_key", "stage", "excluded_user_ids", "offered_from", "offer_queue_below") WHERE "status" <> 'final' AND "assigned_user_id" IS NULL`,
    );
    // Statistics of the new index's expression (the region), for the planner's estimates of the other branches.
    await queryRunner.query(`ANALYZE "work_item"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "assigned_user_id", "workflow_key", "stage", "excluded_user_ids", "offered_from", "offer_queue_below") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_region"`);
  }
}
