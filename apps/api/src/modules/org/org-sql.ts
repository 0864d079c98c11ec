import { pathWithinSql } from '../../common/auth/scope-sql';

/**
 * SQL that org publishes for other modules to compose into their own single statement (docs/ARCHITECTURE.md,
 * "Module boundaries", SQL fragments). The names of org's tables and the columns others may read live here only:
 * each fragment is a FROM item (a read view as a sub-select, which PostgreSQL pulls up into the outer query, so
 * the plan and the statement count are those of a direct join) or a sub-select of ids.
 */
export const OrgSql = {
  /** The units as a FROM item, alias `alias`: id, code, path_key, kind, name, status, parent_id, path, depth, member_count, merged_into_id. */
  units(alias: string): string {
    return `(SELECT id, code, path_key, kind, name, status, parent_id, path, depth, member_count, merged_into_id FROM unit) ${alias}`;
  },
  /** People's names as a FROM item, alias `alias`: id, full_name. */
  userNames(alias: string): string {
    return `(SELECT id, full_name FROM app_user) ${alias}`;
  },
  /** People as a FROM item, alias `alias` (no credentials): id, username, full_name, email, status, home_unit_id. */
  people(alias: string): string {
    return `(SELECT id, username, full_name, email, status, home_unit_id FROM app_user) ${alias}`;
  },
  /** Active people with the attributes work allocation matches, as a FROM item, alias `alias`: id, capabilities. */
  activePeopleCapabilities(alias: string): string {
    return `(SELECT id, capabilities FROM app_user WHERE status = 'active') ${alias}`;
  },
  /** Role assignments (current and past) as a FROM item, alias `alias`: id, user_id, unit_id, role, valid_from, valid_to. */
  roleAssignments(alias: string): string {
    return `(SELECT id, user_id, unit_id, role, valid_from, valid_to FROM role_assignment) ${alias}`;
  },
  /** Sub-select of the ids of the units in the subtree whose path is the text parameter `pathParam` (the root included). */
  unitIdsInSubtree(pathParam: string): string {
    return `SELECT id FROM unit WHERE ${pathWithinSql('path', pathParam, { raw: true })}`;
  },
} as const;
