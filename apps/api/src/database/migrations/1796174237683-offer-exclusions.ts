import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties when offering (issue 15, line 1): `excluded_user_ids` holds the people the current stage's
 * rules bar (the submitter where the stage decides, whoever acted at a `distinctFrom` stage), derived from the
 * snapshot and the definition on every save like the other assignment columns. The inbox's offer branches skip them;
 * both inbox indexes carry the column so those branches stay index-only scans.
 */
export class OfferExclusions1796174237683 implements MigrationInterface {
  name = 'OfferExclusions1796174237683';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_item" ADD "excluded_user_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox" ON "work_item" ("assigned_role", "assigned_unit_path" text_pattern_ops, "due_at", "id") INCLUDE ("assigned_user_id", "workflow_key", "stage", "excluded_user_ids") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "assigned_user_id", "workflow_key", "stage", "excluded_user_ids") WHERE "status" <> 'final'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "assigned_user_id", "workflow_key", "stage") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox" ON "work_item" ("assigned_role", "assigned_unit_path" text_pattern_ops, "due_at", "id") INCLUDE ("assigned_user_id", "workflow_key", "stage") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`ALTER TABLE "work_item" DROP COLUMN "excluded_user_ids"`);
  }
}
