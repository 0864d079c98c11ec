// An item whose deadline is past, made through the API as an office would (set-up for the overdue scenarios).
import assert from 'node:assert/strict';

/** The key of a published copy of unit_plan whose stage deadlines are 0 days: each stage is overdue once entered. */
export const OVERDUE_KEY = 'e2e_overdue_plan';

export async function ensureOverdueWorkflow(admin) {
  const existing = await admin.call('GET', `/workflows?key=${OVERDUE_KEY}&status=published`);
  if (existing.length > 0) return;
  const [plan] = await admin.call('GET', '/workflows?key=unit_plan&status=published');
  const definition = structuredClone(plan.definition);
  definition.key = OVERDUE_KEY;
  definition.name = { vi: 'Kế hoạch kiểm thử hạn xử lý', en: 'Deadline test plan' };
  for (const stage of Object.values(definition.stages)) if (stage.deadline) stage.deadline = { days: 0, calendar: 'calendar' };
  const draft = await admin.call('POST', '/workflows', { definition });
  await admin.call('POST', `/workflows/${draft.id}/publish`);
}

/** The officer's plan of that workflow, submitted: it waits at the upper union, already late. */
export async function overduePlan(admin, officer, title) {
  await ensureOverdueWorkflow(admin);
  const data = { goals: 'Nâng cao tỷ lệ đoàn viên', measures: 'Tuyên truyền', timeline: 'Năm 2026' };
  let item = await officer.call('POST', '/items', { workflow: OVERDUE_KEY, unitId: officer.user.homeUnit.id, title, data });
  item = await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit', expectedVersion: item.version });
  assert.ok(item.dueAt && Date.parse(item.dueAt) <= Date.now(), `the item's deadline is past (${item.dueAt})`);
  return item;
}
