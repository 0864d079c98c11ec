/**
 * SQL that documents publishes for other modules to compose into their own single statement (docs/ARCHITECTURE.md,
 * "Module boundaries", SQL fragments): a read view of the register as a FROM item (PostgreSQL pulls the sub-select up).
 */
export const DocumentsSql = {
  /** Official documents as a FROM item, alias `alias`: id, issuer_unit_id, status, symbol, title, signed_on, campaign_id, source_ref. */
  documents(alias: string): string {
    return `(SELECT id, issuer_unit_id, status, symbol, title, signed_on, campaign_id, source_ref FROM official_document) ${alias}`;
  },
} as const;
