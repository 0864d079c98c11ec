import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Nominations run as `commendation` work items: the nomination row points at its item. */
export class NominationItem1795760200000 implements MigrationInterface {
  name = 'NominationItem1795760200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "nomination" ADD "item_id" uuid`);
    await queryRunner.query(`CREATE INDEX "idx_nomination_item" ON "nomination"  ("item_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_nomination_item"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "item_id"`);
  }
}
