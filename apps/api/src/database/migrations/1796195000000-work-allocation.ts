import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work distribution (issue 15, line 6): `app_user.capabilities` are attributes on people the capability strategy
 * matches (e.g. "chuyên trách thi đua – khen thưởng"), edited by administrators; `workflow_allocation` keeps, per
 * workflow, stage and unit, when each person was last allocated its work — the persisted round-robin cursor (the
 * latest row) and the least-recently-allocated history, shared by every API process.
 */
export class WorkAllocation1796195000000 implements MigrationInterface {
  name = 'WorkAllocation1796195000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "capabilities" text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE TABLE "workflow_allocation" (
      "workflow_key" text NOT NULL,
      "stage" text NOT NULL,
      "unit_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "last_allocated_at" timestamptz NOT NULL,
      "allocations" integer NOT NULL DEFAULT 1,
      CONSTRAINT "pk_workflow_allocation" PRIMARY KEY ("workflow_key", "stage", "unit_id", "user_id")
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "workflow_allocation"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "capabilities"`);
  }
}
