import { addDays } from './calendar';
import type { StageSpec } from './definition-types';
import type { RunState } from './run-state';
import type { PendingTimer } from './snapshot-types';

function calendarOptions(run: RunState) {
  return { holidays: run.ctx.holidays, utcOffsetMinutes: run.ctx.utcOffsetMinutes };
}

/** Schedules the deadline timers (reminders, escalations) and the wait timer of the stage being entered. */
export function scheduleStageTimers(run: RunState, stageId: string, stage: StageSpec): void {
  const now = run.ctx.now;
  const seq = run.snap.seq;
  const timers: PendingTimer[] = [];
  let dueAt: string | undefined;
  const opts = calendarOptions(run);
  if (stage.deadline) {
    const d = stage.deadline;
    const fromData = d.daysField ? run.ctx.item.data?.[d.daysField] : undefined;
    const days = typeof fromData === 'number' && Number.isInteger(fromData) && fromData > 0 ? fromData : d.days;
    dueAt = addDays(now, days, d.calendar, opts);
    (d.reminders ?? []).forEach((days, index) => {
      const fireAt = addDays(dueAt as string, -days, d.calendar, opts);
      if (Date.parse(fireAt) > Date.parse(now)) timers.push({ key: `${stageId}#${seq}:reminder:${index}`, kind: 'reminder', fireAt, index });
    });
    (d.escalations ?? []).forEach((e, index) => {
      timers.push({ key: `${stageId}#${seq}:escalation:${index}`, kind: 'escalation', fireAt: addDays(dueAt as string, e.afterDays, d.calendar, opts), index });
    });
  }
  if (stage.kind === 'wait' && stage.wait) {
    const fireAt = addDays(now, stage.wait.days, stage.wait.calendar, opts);
    dueAt ??= fireAt;
    timers.push({ key: `${stageId}#${seq}:wait:0`, kind: 'wait', fireAt, index: 0 });
  }
  if (dueAt === undefined) {
    run.snap.deadline = null;
    return;
  }
  run.snap.deadline = { dueAt, timers };
  for (const t of timers) run.effects.push({ type: 'schedule_timer', key: t.key, kind: t.kind, fireAt: t.fireAt, stage: stageId });
}

/** Drops the stage's timers (leaving the stage). */
export function cancelStageTimers(run: RunState): void {
  if (run.snap.deadline && run.snap.deadline.timers.length > 0) run.effects.push({ type: 'cancel_timers', stage: run.snap.stage });
  run.snap.deadline = null;
}

/** Suspending: keep the time left on each timer and cancel them. */
export function pauseTimers(run: RunState): void {
  const now = Date.parse(run.ctx.now);
  const d = run.snap.deadline;
  if (!d) return;
  for (const t of d.timers) t.remainingMs = Math.max(0, Date.parse(t.fireAt) - now);
  if (d.timers.length > 0) run.effects.push({ type: 'cancel_timers', stage: run.snap.stage });
}

/** Resuming: the deadline moves by the time spent suspended and each timer is rescheduled with its time left. */
export function resumeTimers(run: RunState, suspendedAt: string): void {
  const now = Date.parse(run.ctx.now);
  const d = run.snap.deadline;
  if (!d) return;
  d.dueAt = new Date(Date.parse(d.dueAt) + Math.max(0, now - Date.parse(suspendedAt))).toISOString();
  for (const t of d.timers) {
    t.fireAt = new Date(now + (t.remainingMs ?? 0)).toISOString();
    delete t.remainingMs;
    run.effects.push({ type: 'schedule_timer', key: t.key, kind: t.kind, fireAt: t.fireAt, stage: run.snap.stage });
  }
}
