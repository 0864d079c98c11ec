import type { AchievementReport, AwardDecidingLevel, NominatingMeeting, NomineeKind, QuotaBase } from '@thidua/contracts';

/**
 * The commendation dossier's rules (Luật Thi đua, Khen thưởng 2022, Điều 84, and the union's quy chế),
 * pure: what a nomination must carry before it leaves its unit and before it goes above the upper union,
 * the date whose rules apply, and what a quota allows. The hooks and the dossier view call these.
 */

/** The date whose rule set and catalogue apply: the end of the achievement period (not the day of entry). */
export function ruleDateFor(period: { from: string; to: string }): string {
  return period.to;
}

/** The report's fields an individual's (or a collective's) report must fill, by the decree's form. */
const REPORT_FIELDS: Record<NomineeKind, ReadonlyArray<keyof AchievementReport>> = {
  individual: ['position', 'overview', 'duties', 'achievements', 'measures'],
  collective: ['overview', 'memberCount', 'duties', 'achievements', 'measures'],
};

/** Missing parts of a structured achievement report, as `achievement_report.<field>` (or `achievement_report` when absent). */
export function reportMissing(kind: NomineeKind, report: Partial<AchievementReport> | null | undefined): string[] {
  if (!report || typeof report !== 'object') return ['achievement_report'];
  return REPORT_FIELDS[kind]
    .filter((f) => {
      const v = report[f];
      if (Array.isArray(v)) return v.length === 0;
      return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
    })
    .map((f) => `achievement_report.${f}`);
}

/** The meeting's vote passes with more than half of those present voting yes (the quy chế's rule for a proposal). */
export function meetingPassed(m: Pick<NominatingMeeting, 'present' | 'yes'>): boolean {
  return m.present > 0 && m.yes * 2 > m.present;
}

export interface DossierFacts {
  kind: NomineeKind;
  decidedBy: AwardDecidingLevel;
  report: Partial<AchievementReport> | null | undefined;
  meeting: NominatingMeeting | null | undefined;
  hasProposal: boolean;
  hasMeetingMinutes: boolean;
  hasConfirmation: boolean;
}

/**
 * What the dossier lacks at a point of its way:
 * - `leave_unit` (the nomination leaves the nominating unit): the unit's tờ trình, the structured report,
 *   the minutes of its meeting with a vote that passed. A form the unit decides itself stays in the unit: nothing.
 * - `above_upper` (it goes above the upper union, to the province or further): the same, and the upper
 *   union's confirmation of the report.
 */
export function dossierMissing(f: DossierFacts, point: 'leave_unit' | 'above_upper'): string[] {
  if (f.decidedBy === 'grassroots_union') return [];
  const missing: string[] = [];
  if (!f.hasProposal) missing.push('proposal');
  missing.push(...reportMissing(f.kind, f.report));
  if (!f.meeting) missing.push('meeting');
  else if (!meetingPassed(f.meeting)) missing.push('meeting_vote_not_passed');
  if (!f.hasMeetingMinutes) missing.push('meeting_minutes');
  if (point === 'above_upper' && (f.decidedBy === 'province_federation' || f.decidedBy === 'confederation') && !f.hasConfirmation) missing.push('confirmation');
  return missing;
}

export interface QuotaRule {
  maxCount: number | null;
  share: number | null;
  base: QuotaBase | null;
}

/** What a quota allows: its count, or share × base rounded down (a share quota with no base yet allows none). */
export function quotaLimit(q: QuotaRule, baseValue: number | null): number {
  if (q.maxCount !== null) return q.maxCount;
  if (q.share === null || baseValue === null) return 0;
  // Round the product to 4 places first: 0.15 × 20 must be 3, not 2.9999999999999996.
  return Math.floor(Math.round(q.share * baseValue * 10000) / 10000);
}
