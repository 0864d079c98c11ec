import type { DayCalendar } from './definition-types';

const DAY_MS = 86_400_000;

export interface CalendarOptions {
  holidays?: readonly string[];
  /** Local offset from UTC in minutes; default +420 (Vietnam, no DST). */
  utcOffsetMinutes?: number;
}

function localDate(ms: number, offset: number): string {
  return new Date(ms + offset * 60_000).toISOString().slice(0, 10);
}

/** Whether the local day of `ms` is a working day (not Saturday, Sunday or a holiday). */
export function isWorkingDay(ms: number, opts: CalendarOptions = {}): boolean {
  const offset = opts.utcOffsetMinutes ?? 420;
  const dow = new Date(ms + offset * 60_000).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !(opts.holidays ?? []).includes(localDate(ms, offset));
}

/**
 * Moves `fromIso` by `days` days (negative to go back). Working days skip Saturdays, Sundays and holidays;
 * the time of day is kept.
 */
export function addDays(fromIso: string, days: number, calendar: DayCalendar, opts: CalendarOptions = {}): string {
  const start = Date.parse(fromIso);
  if (calendar === 'calendar') return new Date(start + days * DAY_MS).toISOString();
  const dir = days < 0 ? -1 : 1;
  let left = Math.abs(Math.round(days));
  let ms = start;
  while (left > 0) {
    ms += dir * DAY_MS;
    if (isWorkingDay(ms, opts)) left -= 1;
  }
  return new Date(ms).toISOString();
}
