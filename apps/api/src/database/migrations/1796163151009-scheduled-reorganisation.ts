import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledReorganisation1796163151009 implements MigrationInterface {
  name = 'ScheduledReorganisation1796163151009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scheduled_reorganisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation" text NOT NULL, "unit_id" uuid NOT NULL, "request" jsonb NOT NULL, "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "applied_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "chk_scheduled_reorg_operation" CHECK ("operation" IN ('move','merge','dissolve','rename')), CONSTRAINT "chk_scheduled_reorg_status" CHECK ("status" IN ('scheduled','applied','failed','cancelled')), CONSTRAINT "PK_522ee57c4a2ec68a9f2d6cadae3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_reorg_unit" ON "scheduled_reorganisation"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_reorg_due" ON "scheduled_reorganisation"  ("status", "effective_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_scheduled_reorg_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_scheduled_reorg_unit"`);
    await queryRunner.query(`DROP TABLE "scheduled_reorganisation"`);
  }
}
