import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxCompletion1796164176490 implements MigrationInterface {
  name = 'OutboxCompletion1796164176490';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ADD "completed_at" TIMESTAMP WITH TIME ZONE`);
    // Rows handed over before this migration counted as delivered then: keep them so (no re-send of history).
    await queryRunner.query(`UPDATE "outbox" SET "completed_at" = "dispatched_at" WHERE "dispatched_at" IS NOT NULL`);
    // The relay's scan: rows whose job has not completed.
    await queryRunner.query(`CREATE INDEX "idx_outbox_incomplete" ON "outbox" ("created_at") WHERE "completed_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_outbox_incomplete"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "completed_at"`);
  }
}
