import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applyAppRoleGrants } from '../../common/audit/app-role';

/**
 * Security hardening (issue 13):
 * - app_user.session_version, bumped by triggers when the password, the status or the roles of a
 *   user change (and by sign-out), so access tokens issued before stop working;
 * - audit_log hash chain: each row carries the hash of the previous one, assigned under a
 *   transaction-level advisory lock so concurrent writers form one chain;
 * - the group role `thidua_app` the application may run as (INSERT/SELECT only on history tables).
 */
export class SecurityHardening1795770000000 implements MigrationInterface {
  name = 'SecurityHardening1795770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "session_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`
      CREATE FUNCTION bump_session_version_on_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A new password sets password_changed_at (people.repository setPassword); a rehash at sign-in does not.
        IF NEW.password_changed_at IS DISTINCT FROM OLD.password_changed_at OR NEW.status IS DISTINCT FROM OLD.status THEN
          NEW.session_version := OLD.session_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER app_user_session_version BEFORE UPDATE ON "app_user" FOR EACH ROW EXECUTE FUNCTION bump_session_version_on_user_change()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION bump_session_version_on_role_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE app_user SET session_version = session_version + 1 WHERE id = OLD.user_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE app_user SET session_version = session_version + 1 WHERE id = NEW.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER role_assignment_session_version AFTER INSERT OR UPDATE OR DELETE ON "role_assignment" FOR EACH ROW EXECUTE FUNCTION bump_session_version_on_role_change()`,
    );

    // --- audit_log hash chain ---
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "chain_seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "prev_hash" text`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "row_hash" text`);
    // The canonical text of a row that the hash covers: a jsonb array (deterministic text form).
    await queryRunner.query(`
      CREATE FUNCTION audit_log_payload(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_array(r.id::text, r.chain_seq::text, (extract(epoch FROM r.occurred_at) * 1000000)::bigint::text,
          r.actor_user_id, r.on_behalf_of_user_id, r.actor_unit_path, r.action, r.entity_type, r.entity_id, r.details, r.request_id)::text
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(prev || audit_log_payload(r), 'UTF8')), 'hex')
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last_seq bigint; last_hash text;
      BEGIN
        -- One writer at a time extends the chain, until its transaction ends. The SELECT below runs
        -- after the lock is granted and (READ COMMITTED) sees the previous writer's committed row.
        PERFORM pg_advisory_xact_lock(7421013);
        SELECT chain_seq, row_hash INTO last_seq, last_hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1;
        NEW.chain_seq := coalesce(last_seq, 0) + 1;
        NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
        NEW.occurred_at := coalesce(NEW.occurred_at, now());
        NEW.details := coalesce(NEW.details, '{}'::jsonb);
        NEW.row_hash := audit_log_row_hash(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);
    // Rows written before this migration join the chain in id order (the owner may update them once).
    await queryRunner.query(`ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_append_only`);
    await queryRunner.query(`
      DO $$
      DECLARE r audit_log; prev text := repeat('0', 64); seq bigint := 0;
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
          seq := seq + 1;
          r.chain_seq := seq;
          r.prev_hash := prev;
          r.row_hash := audit_log_row_hash(prev, r);
          UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
          prev := r.row_hash;
        END LOOP;
      END $$`);
    await queryRunner.query(`ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_append_only`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "chain_seq" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "row_hash" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_log_chain_seq" ON "audit_log" ("chain_seq") `);
    await queryRunner.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);

    await applyAppRoleGrants(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_chain ON "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_log_chain_seq"`);
    await queryRunner.query(`DROP FUNCTION audit_log_chain()`);
    await queryRunner.query(`DROP FUNCTION audit_log_row_hash(text, audit_log)`);
    await queryRunner.query(`DROP FUNCTION audit_log_payload(audit_log)`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "row_hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "prev_hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "chain_seq"`);
    await queryRunner.query(`DROP TRIGGER role_assignment_session_version ON "role_assignment"`);
    await queryRunner.query(`DROP FUNCTION bump_session_version_on_role_change()`);
    await queryRunner.query(`DROP TRIGGER app_user_session_version ON "app_user"`);
    await queryRunner.query(`DROP FUNCTION bump_session_version_on_user_change()`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "session_version"`);
  }
}
