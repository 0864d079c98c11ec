import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchFoldSql } from './1795754574736-unit-search-text';

/**
 * The admin's one search box (issue 19, line 5) at national scale: trigram (pg_trgm, a trusted extension shipped
 * with PostgreSQL) GIN indexes on the folded text of units, people and items, so `folded LIKE '%word%'` is an index
 * scan at 126k units and 1M items. Units already keep their folded text (`search_text`); people and items are indexed
 * on the folding expression itself (`searchFoldSql`, the same text as `common/search/search-fold.ts#foldedSql`, which
 * the queries repeat), so no writer has to maintain a column. And the saved filters of a user's list pages.
 */
export class GlobalSearch1796240000000 implements MigrationInterface {
  name = 'GlobalSearch1796240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "idx_unit_search_trgm" ON "unit" USING gin ("search_text" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "idx_app_user_search_trgm" ON "app_user" USING gin ((${searchFoldSql(`"full_name" || ' ' || "username"`)}) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "idx_work_item_search_trgm" ON "work_item" USING gin ((${searchFoldSql(`"title"`)}) gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE TABLE "saved_filter" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "page" text NOT NULL,
        "name" text NOT NULL,
        "filters" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_saved_filter_name" UNIQUE ("user_id", "page", "name"),
        CONSTRAINT "PK_saved_filter" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(`ALTER TABLE "saved_filter" ADD CONSTRAINT "fk_saved_filter_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "saved_filter"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_item_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."idx_app_user_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."idx_unit_search_trgm"`);
  }
}
