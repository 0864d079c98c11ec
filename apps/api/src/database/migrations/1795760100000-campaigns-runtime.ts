import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignsRuntime1795760100000 implements MigrationInterface {
  name = 'CampaignsRuntime1795760100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_official_document_source_ref" ON "official_document"  ("source_ref") WHERE "source_ref" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_official_document_source_ref"`);
  }
}
