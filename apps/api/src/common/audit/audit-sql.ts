/**
 * What common/audit publishes for modules to read of the audit log inside their own single statement
 * (docs/ARCHITECTURE.md, "Module boundaries", SQL fragments): the table name and the readable columns live here
 * only. Reads only: rows are written by `AuditService.record` (the table refuses UPDATE and DELETE).
 */
export const AuditSql = {
  /**
   * The audit rows of one entity type as a FROM item, alias `alias`: id, occurred_at, actor_user_id, action,
   * entity_id, details. `entityTypeParam` is the SQL of the type (a parameter or a quoted literal). PostgreSQL
   * pulls the sub-select up into the outer query (the plan of a direct read on idx_audit_log_entity).
   */
  entriesOf(entityTypeParam: string, alias: string): string {
    return `(SELECT id, occurred_at, actor_user_id, action, entity_id, details FROM audit_log WHERE entity_type = ${entityTypeParam}) ${alias}`;
  },
} as const;
