import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Comments on items with @mentions (issue 19): one table, read by item in time order. */
export class ItemComments1796200000000 implements MigrationInterface {
  name = 'ItemComments1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "work_item_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "mention_user_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_work_item_comment" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_comment_item" ON "work_item_comment" ("item_id", "created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_comment_item"`);
    await queryRunner.query(`DROP TABLE "work_item_comment"`);
  }
}
