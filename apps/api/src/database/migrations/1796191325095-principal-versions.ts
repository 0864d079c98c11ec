import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everything a principal is made of bumps the session version of the users it concerns (issue 17, line 1), so
 * the auth guard may keep principals in a cache keyed by user and session version (auth/principal-cache.ts):
 * - app_user: besides the password and the status (1795770000000), the username and full name (both are in the
 *   principal); a status change also bumps the delegates of the user (their delegated roles depend on it);
 * - role_assignment: besides the holder, the holder's delegates (open or future delegations);
 * - delegation: any insert, update (revocation, dates) or delete bumps the delegate (new; before, a delegation
 *   took effect because the principal was read on every request);
 * - unit: a change of path (move) or status (merge, dissolve) bumps the holders of roles at those units and their
 *   delegates, in one statement-level trigger per UPDATE statement (a subtree move is one statement).
 * Validity dates that pass with no row changing (a role or delegation starting or ending) are not bumps: the cache
 * keeps a principal only until the next such date (PeopleRepository.nextRoleChangeAfter).
 */
export class PrincipalVersions1796191325095 implements MigrationInterface {
  name = 'PrincipalVersions1796191325095';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION bump_session_version_on_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A new password sets password_changed_at (people.repository setPassword); a rehash at sign-in does not.
        IF NEW.password_changed_at IS DISTINCT FROM OLD.password_changed_at OR NEW.status IS DISTINCT FROM OLD.status
           OR NEW.username IS DISTINCT FROM OLD.username OR NEW.full_name IS DISTINCT FROM OLD.full_name THEN
          NEW.session_version := OLD.session_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION bump_delegates_session_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE app_user SET session_version = session_version + 1
         WHERE id IN (SELECT to_user_id FROM delegation WHERE from_user_id = NEW.id AND revoked_at IS NULL AND valid_to > now());
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER app_user_delegates_session_version AFTER UPDATE OF status ON "app_user" FOR EACH ROW
         WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION bump_delegates_session_version()`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION bump_session_version_on_role_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE holders uuid[];
      BEGIN
        IF TG_OP = 'DELETE' THEN holders := ARRAY[OLD.user_id];
        ELSIF TG_OP = 'INSERT' THEN holders := ARRAY[NEW.user_id];
        ELSE holders := ARRAY[OLD.user_id, NEW.user_id];
        END IF;
        UPDATE app_user SET session_version = session_version + 1
         WHERE id = ANY(holders)
            OR id IN (SELECT to_user_id FROM delegation WHERE from_user_id = ANY(holders) AND revoked_at IS NULL AND valid_to > now());
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION bump_session_version_on_delegation_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE app_user SET session_version = session_version + 1 WHERE id = OLD.to_user_id;
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.to_user_id IS DISTINCT FROM OLD.to_user_id) THEN
          UPDATE app_user SET session_version = session_version + 1 WHERE id = NEW.to_user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER delegation_session_version AFTER INSERT OR UPDATE OR DELETE ON "delegation" FOR EACH ROW EXECUTE FUNCTION bump_session_version_on_delegation_change()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION bump_session_version_on_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH changed AS (
               SELECT n.id FROM new_units n JOIN old_units o ON o.id = n.id
                WHERE n.path IS DISTINCT FROM o.path OR n.status IS DISTINCT FROM o.status),
             holders AS (
               SELECT DISTINCT ra.user_id FROM role_assignment ra JOIN changed c ON c.id = ra.unit_id
                WHERE ra.valid_to IS NULL OR ra.valid_to > now())
        UPDATE app_user SET session_version = session_version + 1
         WHERE id IN (SELECT user_id FROM holders)
            OR id IN (SELECT d.to_user_id FROM delegation d JOIN holders h ON h.user_id = d.from_user_id
                       WHERE d.revoked_at IS NULL AND d.valid_to > now());
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER unit_session_version AFTER UPDATE ON "unit" REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
         FOR EACH STATEMENT EXECUTE FUNCTION bump_session_version_on_unit_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER unit_session_version ON "unit"`);
    await queryRunner.query(`DROP FUNCTION bump_session_version_on_unit_change()`);
    await queryRunner.query(`DROP TRIGGER delegation_session_version ON "delegation"`);
    await queryRunner.query(`DROP FUNCTION bump_session_version_on_delegation_change()`);
    await queryRunner.query(`DROP TRIGGER app_user_delegates_session_version ON "app_user"`);
    await queryRunner.query(`DROP FUNCTION bump_delegates_session_version()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION bump_session_version_on_role_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE app_user SET session_version = session_version + 1 WHERE id = OLD.user_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE app_user SET session_version = session_version + 1 WHERE id = NEW.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION bump_session_version_on_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.password_changed_at IS DISTINCT FROM OLD.password_changed_at OR NEW.status IS DISTINCT FROM OLD.status THEN
          NEW.session_version := OLD.session_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
  }
}
