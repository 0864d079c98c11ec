import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work distribution (issue 15): one cursor row per (workflow, stage, unit), locked by every allocation of that stage
 * at that unit inside the step's transaction, so that two simultaneous round-robin allocations never pick the same
 * person; it holds the person the stage's work went to last (the round-robin turn). Filled from the history.
 */
export class AllocationCursor1796230000000 implements MigrationInterface {
  name = 'AllocationCursor1796230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "workflow_allocation_cursor" (
      "workflow_key" text NOT NULL,
      "stage" text NOT NULL,
      "unit_id" uuid NOT NULL,
      "user_id" uuid,
      "allocated_at" timestamptz,
      CONSTRAINT "pk_workflow_allocation_cursor" PRIMARY KEY ("workflow_key", "stage", "unit_id")
    )`);
    await queryRunner.query(`INSERT INTO "workflow_allocation_cursor" (workflow_key, stage, unit_id, user_id, allocated_at)
      SELECT DISTINCT ON (workflow_key, stage, unit_id) workflow_key, stage, unit_id, user_id, last_allocated_at
        FROM "workflow_allocation" ORDER BY workflow_key, stage, unit_id, last_allocated_at DESC, user_id DESC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "workflow_allocation_cursor"`);
  }
}
