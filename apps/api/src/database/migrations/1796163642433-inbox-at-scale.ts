import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox at national scale (issue 17, line 2).
 * - idx_work_item_inbox_due: open items by role in deadline order, the sort key being the page's own
 *   (COALESCE(due_at, 'infinity'), id). A supervisor of a province (20,000 waiting entries) gets the first
 *   50 by walking this index from its start and keeping the entries of their subtree (the path is in the
 *   index), instead of reading every entry of the subtree and sorting them; the planner still takes
 *   idx_work_item_inbox for small scopes (an exact path, a small subtree).
 * - idx_work_item_suspended: the few suspended items, so that the counts of active items are the counts of
 *   open items (index-only over idx_work_item_inbox) less these, without visiting the table.
 */
export class InboxAtScale1796163642433 implements MigrationInterface {
  name = 'InboxAtScale1796163642433';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "assigned_user_id", "workflow_key", "stage") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_suspended" ON "work_item" ("assigned_role", "assigned_unit_path" text_pattern_ops) INCLUDE ("assigned_user_id", "workflow_key", "stage", "due_at") WHERE "status" = 'suspended'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_suspended"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
  }
}
