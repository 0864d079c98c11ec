/**
 * SQL that the runtime publishes for domain modules to compose into their own single statement (docs/ARCHITECTURE.md,
 * "Module boundaries", SQL fragments): read views of its tables as FROM items (sub-selects PostgreSQL pulls up into
 * the outer query, so plans and statement counts are those of a direct read). Writes go through the runtime's services.
 */
export const WorkflowSql = {
  /** Work items as a FROM item, alias `alias` (all columns but the event history). */
  items(alias: string): string {
    return `(SELECT id, definition_id, workflow_key, workflow_version, unit_id, unit_path, campaign_id, parent_item_id, title, stage, status,
                    outcome, data, snapshot, assigned_unit_id, assigned_unit_path, assigned_role, assigned_user_id, due_at, submitter_id,
                    submitted_at, cascade, created_by, version, created_at, updated_at, excluded_user_ids FROM work_item) ${alias}`;
  },
  /** An item's history rows as a FROM item, alias `alias`. */
  itemEvents(alias: string): string {
    return `(SELECT id, item_id, item_version, occurred_at, event, actor_user_id, on_behalf_of_user_id, actor_unit_path, from_stage, to_stage,
                    comment, changes, details, request_id FROM work_item_event) ${alias}`;
  },
  /** Workflow definitions (every version) as a FROM item, alias `alias`. */
  definitions(alias: string): string {
    return `(SELECT id, key, version, status, definition, created_by, created_at, published_at, retired_at FROM workflow_definition) ${alias}`;
  },
} as const;
