import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Early and late offering (issue 15, line 6).
 * - `work_item.offered_from`, `work_item.offer_queue_below`: a late offer's columns, derived from the snapshot on
 *   every save like the other assignment columns; the inbox's offer branches skip an offer before `offered_from`, or
 *   when the reader holds `offer_queue_below` open items or more. Both inbox indexes carry them (index-only scans).
 * - `work_item_upcoming`: the stages an item may reach soon that are offered early, with their unit path and role
 *   (the "upcoming" list walks `idx_work_item_upcoming_scope` like the inbox walks its index).
 * - `work_item_commitment`: who committed to an upcoming stage; the primary key makes the first commitment win.
 */
export class Offering1796210000000 implements MigrationInterface {
  name = 'Offering1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_item" ADD "offered_from" timestamptz`);
    await queryRunner.query(`ALTER TABLE "work_item" ADD "offer_queue_below" integer`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox" ON "work_item" ("assigned_role", "assigned_unit_path" text_pattern_ops, "due_at", "id") INCLUDE ("assigned_user_id", "workflow_key", "stage", "excluded_user_ids", "offered_from", "offer_queue_below") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "assigned_user_id", "workflow_key", "stage", "excluded_user_ids", "offered_from", "offer_queue_below") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`CREATE TABLE "work_item_upcoming" (
      "item_id" uuid NOT NULL,
      "stage" text NOT NULL,
      "unit_id" uuid NOT NULL,
      "unit_path" text NOT NULL,
      "role" text NOT NULL,
      "excluded_user_ids" uuid array NOT NULL DEFAULT '{}',
      "distance" integer NOT NULL,
      CONSTRAINT "pk_work_item_upcoming" PRIMARY KEY ("item_id", "stage")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_upcoming_scope" ON "work_item_upcoming" ("role", "unit_path" text_pattern_ops) INCLUDE ("item_id", "stage", "excluded_user_ids")`);
    await queryRunner.query(`CREATE TABLE "work_item_commitment" (
      "item_id" uuid NOT NULL,
      "stage" text NOT NULL,
      "user_id" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_work_item_commitment" PRIMARY KEY ("item_id", "stage")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_commitment_user" ON "work_item_commitment" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "work_item_commitment"`);
    await queryRunner.query(`DROP TABLE "work_item_upcoming"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox_due"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox_due" ON "work_item" ("assigned_role", (COALESCE("due_at", 'infinity'::timestamptz)), "id") INCLUDE ("assigned_unit_path", "assigned_user_id", "workflow_key", "stage", "excluded_user_ids") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_inbox"`);
    await queryRunner.query(
      `CREATE INDEX "idx_work_item_inbox" ON "work_item" ("assigned_role", "assigned_unit_path" text_pattern_ops, "due_at", "id") INCLUDE ("assigned_user_id", "workflow_key", "stage", "excluded_user_ids") WHERE "status" <> 'final'`,
    );
    await queryRunner.query(`ALTER TABLE "work_item" DROP COLUMN "offer_queue_below"`);
    await queryRunner.query(`ALTER TABLE "work_item" DROP COLUMN "offered_from"`);
  }
}
