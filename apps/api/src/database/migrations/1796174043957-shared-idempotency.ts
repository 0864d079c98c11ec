import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared idempotency mechanism (common/http/idempotency.interceptor.ts): keys scoped per user, method and
 * route, a request fingerprint, a pending claim with an owner and a lease, the applied mark written inside the
 * action's transaction, the stored answer (successes and refusals) and an expiry. The old table held only
 * finished answers of three workflow endpoints for a few hours; they are dropped, not converted (a repeat of a
 * request answered before the upgrade runs again through the version checks of the workflow runtime).
 */
export class SharedIdempotency1796174043957 implements MigrationInterface {
  name = 'SharedIdempotency1796174043957';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "scope" text NOT NULL, "key" text NOT NULL, "fingerprint" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "owner" uuid NOT NULL, "lease_until" TIMESTAMP WITH TIME ZONE NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE, "status_code" integer, "answer" json, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a27aa773cebebf661d80b8af751" PRIMARY KEY ("user_id", "scope", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idempotency_key_expires_idx" ON "idempotency_key" ("expires_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idempotency_key_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status_code" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_de390066dce788f80744a8f6626" PRIMARY KEY ("user_id", "key"))`,
    );
  }
}
