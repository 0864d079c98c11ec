import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, line 6. `work_item_commitment`: a person's commitment to an upcoming (early-offered) stage of an item;
 * it becomes the allocation when the stage opens (`allocated`), or is `withdrawn`, or `lapsed` (the stage opened
 * and the person could not take it). `work_item_help_request`: a holder's request to a named colleague to help with
 * or co-sign the current stage entry (`stage_seq`), answered `done` | `cosigned` | `declined` (with a reason), or
 * `lapsed` when the item left that stage entry unanswered.
 */
export class OfferingHelp1796192000000 implements MigrationInterface {
  name = 'OfferingHelp1796192000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "work_item_commitment" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "item_id" uuid NOT NULL REFERENCES "work_item" ("id") ON DELETE CASCADE,
      "stage" text NOT NULL,
      "user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
      "status" text NOT NULL DEFAULT 'active' CHECK ("status" IN ('active', 'withdrawn', 'allocated', 'lapsed')),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_work_item_commitment_active" ON "work_item_commitment" ("item_id", "stage", "user_id") WHERE "status" = 'active'`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_commitment_user" ON "work_item_commitment" ("user_id") WHERE "status" = 'active'`);
    await queryRunner.query(`CREATE TABLE "work_item_help_request" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "item_id" uuid NOT NULL REFERENCES "work_item" ("id") ON DELETE CASCADE,
      "stage" text NOT NULL,
      "stage_seq" integer NOT NULL,
      "kind" text NOT NULL CHECK ("kind" IN ('help', 'cosign')),
      "from_user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
      "to_user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
      "message" text NOT NULL,
      "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'done', 'cosigned', 'declined', 'lapsed')),
      "reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "answered_at" TIMESTAMP WITH TIME ZONE)`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_help_request_item" ON "work_item_help_request" ("item_id", "stage_seq")`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_help_request_open" ON "work_item_help_request" ("to_user_id") WHERE "status" = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "work_item_help_request"`);
    await queryRunner.query(`DROP TABLE "work_item_commitment"`);
  }
}
