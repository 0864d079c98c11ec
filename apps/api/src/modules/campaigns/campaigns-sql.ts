/**
 * SQL that campaigns publishes for other modules to compose into their own single statement (docs/ARCHITECTURE.md,
 * "Module boundaries", SQL fragments): which documents a campaign's items produced, as scalar sub-selects.
 */
export const CampaignsSql = {
  /** Sub-select: the decision document (QĐ) of the nomination made by the item `itemExpr` (an SQL expression of its id). */
  nominationDecisionOf(itemExpr: string): string {
    return `SELECT decision_document_id FROM nomination WHERE item_id = ${itemExpr} LIMIT 1`;
  },
  /** Sub-select: the plan document of the campaign launched by the item `itemExpr`. */
  campaignPlanOf(itemExpr: string): string {
    return `SELECT plan_document_id FROM campaign WHERE launch_item_id = ${itemExpr} LIMIT 1`;
  },
} as const;
