import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Help and co-sign requests (issue 15, line 6): one row per person asked, read by item and stage entry, and by the person asked. */
export class HelpRequests1796220000000 implements MigrationInterface {
  name = 'HelpRequests1796220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "work_item_help_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "stage" text NOT NULL, "stage_seq" integer NOT NULL, "kind" text NOT NULL, "from_user_id" uuid NOT NULL, "to_user_id" uuid NOT NULL, "message" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "answer" text, "answered_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_work_item_help_request" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_help_request_to" ON "work_item_help_request"  ("to_user_id", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_work_item_help_request_item" ON "work_item_help_request"  ("item_id", "stage_seq") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_help_request_item"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_help_request_to"`);
    await queryRunner.query(`DROP TABLE "work_item_help_request"`);
  }
}
