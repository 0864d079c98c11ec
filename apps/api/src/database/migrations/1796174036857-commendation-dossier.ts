import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commendation dossier (issue 16, line 4): the achievement period a nomination is for, the
 * upper union's confirmation, the public posting and the council's minutes on the nomination; quotas
 * as a share of a base; one decision for several work items (the document's further sources).
 */
export class CommendationDossier1796174036857 implements MigrationInterface {
  name = 'CommendationDossier1796174036857';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "nomination" ADD "period_from" date`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "period_to" date`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "confirmation" jsonb`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "posting" jsonb`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "council_minutes_document_id" uuid`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" ALTER COLUMN "max_count" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" ADD "share" numeric(6,4)`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" ADD "base" text`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" ADD "base_form" text`);
    await queryRunner.query(`CREATE TABLE "official_document_source" ("source_ref" text NOT NULL, "document_id" uuid NOT NULL, CONSTRAINT "PK_official_document_source" PRIMARY KEY ("source_ref"))`);
    await queryRunner.query(`CREATE INDEX "idx_official_document_source_document" ON "official_document_source" ("document_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "official_document_source"`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" DROP COLUMN "base_form"`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" DROP COLUMN "base"`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" DROP COLUMN "share"`);
    await queryRunner.query(`DELETE FROM "commendation_quota" WHERE "max_count" IS NULL`);
    await queryRunner.query(`ALTER TABLE "commendation_quota" ALTER COLUMN "max_count" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "council_minutes_document_id"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "posting"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "confirmation"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "period_to"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "period_from"`);
  }
}
