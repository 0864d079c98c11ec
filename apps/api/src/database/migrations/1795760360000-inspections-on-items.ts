import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspections are `inspection` work items (docs/campaigns.md, "Inspections on the runtime"): findings, the
 * corrective action, its deadline and escalation are the item's, on the runtime's timers; the campaign's view is
 * derived from the item. The inspection table and its escalation scheduler go; rows made before (not items)
 * cannot be carried over and are dropped with the table.
 */
export class InspectionsOnItems1795760360000 implements MigrationInterface {
  name = 'InspectionsOnItems1795760360000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_inspection_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_inspection_campaign"`);
    await queryRunner.query(`DROP TABLE "inspection"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inspection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "supervising_unit_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "topic" text NOT NULL, "scheduled_for" date NOT NULL, "status" text NOT NULL, "minutes" text, "attachment_ids" jsonb NOT NULL, "findings" jsonb NOT NULL, "corrective_due_at" TIMESTAMP WITH TIME ZONE, "corrective_action" text, "escalated_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_1e895c2ae7b7d9d1ec464950013" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_inspection_due" ON "inspection"  ("status", "corrective_due_at")`);
    await queryRunner.query(`CREATE INDEX "idx_inspection_campaign" ON "inspection"  ("campaign_id", "supervising_unit_id")`);
  }
}
