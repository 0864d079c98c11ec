import type { TransitionEvent, WorkflowDefinition } from './definition-types';
import { excludedAt } from './offer';
import { refuse } from './refusal';
import type { WorkItemSnapshot } from './snapshot-types';

/**
 * Help and co-sign requests (issue 15, line 6): the holder of an item asks named colleagues to help with the
 * stage's work (advice, a reply) or to co-sign it. A stage allows them with `help: {allowed: true}`; co-signing
 * needs `help.coSign`, and the stage's forward decision waits for it where `coSign.required` (at least `minimum`
 * signatures) or `coSign.waitForAll` (no co-sign request left unanswered) says so. Requests belong to one entry of
 * the stage (the snapshot's `seq`): once the item leaves it, the open ones lapse.
 */
export interface CoSignSpec {
  /** The forward decision waits until `minimum` colleagues have co-signed this entry of the stage (default false). */
  required?: boolean;
  /** Co-signatures needed when `required` (default 1). */
  minimum?: number;
  /** The forward decision waits while any co-sign request of this entry of the stage is unanswered (default false). */
  waitForAll?: boolean;
}

export interface StageHelpSpec {
  /** Whether the holder may ask colleagues for help at this stage. */
  allowed: boolean;
  /** Present: the holder may also ask colleagues to co-sign (and the decision may wait for them). */
  coSign?: CoSignSpec;
}

export const HELP_KINDS = ['help', 'cosign'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/** How a request ends: a help request is replied to; a co-sign request is signed or declined; either may be cancelled. */
export const HELP_STATUSES = ['open', 'replied', 'signed', 'declined', 'cancelled', 'lapsed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** The co-sign requests of the current stage entry, as the runtime counted them. */
export interface CoSignState {
  signed: number;
  open: number;
}

/** The events the co-signatures hold back: those that move the work forward (a return or rejection never waits). */
export const COSIGN_WAITING_EVENTS: readonly TransitionEvent[] = ['submit', 'approve', 'acknowledge', 'forward'];

/** What the holder may ask for at a stage: nothing, help, or help and co-signing. */
export function helpKindsAt(def: WorkflowDefinition, stageId: string): HelpKind[] {
  const h = def.stages[stageId]?.help;
  if (!h?.allowed) return [];
  return h.coSign ? ['help', 'cosign'] : ['help'];
}

/** Whether a stage's decision can wait for co-signatures at all (the runtime counts them only then). */
export function stageWaitsForCoSign(def: WorkflowDefinition, stageId: string): boolean {
  const h = def.stages[stageId]?.help;
  return !!h?.allowed && !!h.coSign && (h.coSign.required === true || h.coSign.waitForAll === true);
}

export interface CoSignWait {
  /** Whether the forward decision waits now. */
  waits: boolean;
  /** Signatures the stage needs (0 when not required). */
  needed: number;
  signed: number;
  open: number;
  /** Whether it waits for unanswered requests (`waitForAll`). */
  waitsForAll: boolean;
}

/** Where the co-signing of stage `stageId` stands, given the counted state (absent: none counted, nothing signed). */
export function coSignWait(def: WorkflowDefinition, stageId: string, state: CoSignState | undefined): CoSignWait {
  const signed = state?.signed ?? 0;
  const open = state?.open ?? 0;
  const h = def.stages[stageId]?.help;
  const c = h?.allowed ? h.coSign : undefined;
  const needed = c?.required ? Math.max(1, c.minimum ?? 1) : 0;
  const waitsForAll = c?.waitForAll === true;
  return { waits: signed < needed || (waitsForAll && open > 0), needed, signed, open, waitsForAll };
}

/**
 * Refuses COSIGN_PENDING when `event` moves the work of the current stage forward and the stage waits for
 * co-signatures it does not have yet. The allowed actions run the same step, so they leave the decision out.
 */
export function requireCoSigned(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'stage'>, event: TransitionEvent, state: CoSignState | undefined): void {
  if (!COSIGN_WAITING_EVENTS.includes(event) || !stageWaitsForCoSign(def, snap.stage)) return;
  const w = coSignWait(def, snap.stage, state);
  if (!w.waits) return;
  refuse('COSIGN_PENDING', `the stage waits for co-signatures (${w.signed} of ${w.needed} signed, ${w.open} unanswered)`, { needed: w.needed, signed: w.signed, open: w.open, waitsForAll: w.waitsForAll, stage: snap.stage });
}

/** The person who holds the current stage's work (allocated or started), if any. */
export function holderOf(snap: Pick<WorkItemSnapshot, 'assignment'>): string | undefined {
  const a = snap.assignment;
  return a ? (a.userId ?? a.claimedBy) : undefined;
}

export type AskProblem =
  | { code: 'ITEM_NOT_ACTIVE' }
  | { code: 'NOT_HOLDER' }
  | { code: 'HELP_NOT_ALLOWED'; kind: HelpKind }
  | { code: 'NO_RECIPIENTS' }
  | { code: 'SELF' }
  | { code: 'CANNOT_READ'; userIds: string[] }
  | { code: 'SEPARATION_OF_DUTIES'; userIds: string[] }
  | { code: 'ALREADY_ASKED'; userIds: string[] };

export interface AskInput {
  requesterId: string;
  kind: HelpKind;
  /** The people asked, each with whether they read the item in full (the runtime's scope answer). */
  recipients: ReadonlyArray<{ userId: string; readsItem: boolean }>;
  /** Users with an open request of the same kind on this stage entry. */
  alreadyAsked?: readonly string[];
}

/**
 * Why the requester may not ask these people now, or null. Only the holder of the current stage's work (allocated
 * or started, the item active) may ask, at a stage that allows the kind; never themselves; only people who read
 * the item; and a co-signer must not be barred from the stage by separation of duties (the submitter of an item
 * whose stage decides, or whoever acted at a stage linked by `distinctFrom`): their signature would be the
 * decision the rule keeps from them.
 */
export function askProblem(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'status' | 'stage' | 'assignment' | 'submitterId' | 'acted'>, input: AskInput): AskProblem | null {
  if (snap.status !== 'active') return { code: 'ITEM_NOT_ACTIVE' };
  if (holderOf(snap) !== input.requesterId) return { code: 'NOT_HOLDER' };
  if (!helpKindsAt(def, snap.stage).includes(input.kind)) return { code: 'HELP_NOT_ALLOWED', kind: input.kind };
  if (input.recipients.length === 0) return { code: 'NO_RECIPIENTS' };
  if (input.recipients.some((r) => r.userId === input.requesterId)) return { code: 'SELF' };
  const unread = input.recipients.filter((r) => !r.readsItem).map((r) => r.userId);
  if (unread.length > 0) return { code: 'CANNOT_READ', userIds: unread };
  if (input.kind === 'cosign') {
    const barred = new Set(excludedAt(def, snap, snap.stage).map((e) => e.userId));
    const excluded = input.recipients.filter((r) => barred.has(r.userId)).map((r) => r.userId);
    if (excluded.length > 0) return { code: 'SEPARATION_OF_DUTIES', userIds: excluded };
  }
  const asked = new Set(input.alreadyAsked ?? []);
  const again = input.recipients.filter((r) => asked.has(r.userId)).map((r) => r.userId);
  if (again.length > 0) return { code: 'ALREADY_ASKED', userIds: again };
  return null;
}

export type HelpAnswer = 'reply' | 'sign' | 'decline';

/** Whether `answer` fits a request of `kind` (help: reply; co-sign: sign, or decline with a reason), or the problem. */
export function answerProblem(kind: HelpKind, answer: HelpAnswer, text: string | undefined): 'WRONG_ANSWER' | 'TEXT_REQUIRED' | null {
  if (kind === 'help' && answer !== 'reply') return 'WRONG_ANSWER';
  if (kind === 'cosign' && answer === 'reply') return 'WRONG_ANSWER';
  if ((answer === 'reply' || answer === 'decline') && (text ?? '').trim() === '') return 'TEXT_REQUIRED';
  return null;
}

/** The status an answer gives a request. */
export function statusAfter(answer: HelpAnswer): HelpStatus {
  return answer === 'reply' ? 'replied' : answer === 'sign' ? 'signed' : 'declined';
}

/** A request as it reads now: an open request of a stage entry the item has left (or of a closed item) has lapsed. */
export function effectiveStatus(stored: HelpStatus, requestSeq: number, snap: Pick<WorkItemSnapshot, 'seq' | 'status'>): HelpStatus {
  if (stored !== 'open') return stored;
  return snap.status === 'final' || snap.seq !== requestSeq ? 'lapsed' : 'open';
}

/** Precise checks of a stage's `help` (the JSON Schema checks the keys and types). */
export function checkHelpShape(s: Record<string, unknown>, p: string, add: (path: string, code: string, message: string) => void): void {
  const h = s.help;
  if (h === undefined) return;
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return add(`${p}.help`, 'shape.help', 'help is {allowed: boolean, coSign?: {required?, minimum?, waitForAll?}}');
  const help = h as Record<string, unknown>;
  if (typeof help.allowed !== 'boolean') add(`${p}.help.allowed`, 'shape.boolean', 'allowed is a boolean');
  if (s.kind !== 'task') add(`${p}.help`, 'shape.help_stage', 'only task stages have help and co-sign requests');
  const c = help.coSign;
  if (c === undefined) return;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return add(`${p}.help.coSign`, 'shape.co_sign', 'coSign is {required?, minimum?, waitForAll?}');
  const co = c as Record<string, unknown>;
  for (const k of ['required', 'waitForAll'] as const) if (co[k] !== undefined && typeof co[k] !== 'boolean') add(`${p}.help.coSign.${k}`, 'shape.boolean', `${k} is a boolean`);
  if (co.minimum !== undefined) {
    if (typeof co.minimum !== 'number' || !Number.isInteger(co.minimum) || co.minimum < 1) add(`${p}.help.coSign.minimum`, 'shape.co_sign_minimum', 'minimum is a whole number ≥ 1');
    else if (co.required !== true) add(`${p}.help.coSign.minimum`, 'shape.co_sign_minimum_unused', 'minimum counts only when required is true');
  }
  if (help.allowed === false) add(`${p}.help.coSign`, 'shape.co_sign_disallowed', 'coSign needs help.allowed: true');
}
