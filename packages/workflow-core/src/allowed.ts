import type { CompiledWorkflow } from './compile';
import type { StepContext } from './context-types';
import type { LocalizedText } from './field-types';
import type { WorkItemEvent } from './event-types';
import type { RefusalCode } from './refusal';
import type { WorkItemSnapshot } from './snapshot-types';
import { step } from './step';

/** One action the engine would accept from this actor now (on the item as it is). */
export interface AllowedEvent {
  /** The engine event type (`submit`, `claim`, `vote.cast`, `vote.close`, `suspend`, …). */
  event: WorkItemEvent['type'];
  /** The definition's label of the transition (the first one of its event), if any. */
  label: LocalizedText | null;
  needsComment: boolean;
  /** Moves work forward: sends the stage's fields, which must then be valid. */
  sendsData: boolean;
  /** The refusal the data as it is now would get (MISSING_FIELDS or GUARD): the action is offered, the form decides. */
  pendingOn?: RefusalCode;
}

const FORWARD: readonly string[] = ['submit', 'approve', 'acknowledge', 'forward'];
/** Refusals that depend on the data the user is about to send: the action is still the user's to take. */
const DATA_REFUSALS: readonly RefusalCode[] = ['MISSING_FIELDS', 'GUARD'];

/**
 * The actions the engine allows this actor on this item now, decided by running `step` on each candidate event
 * (pure; nothing is kept): the transitions of the current stage, claim/release, voting and closing a vote, and the
 * privileges that need no target (suspend, resume, skip). Whatever `step` would refuse for a reason other than the
 * data to be sent is left out, so a client shows exactly what will be accepted.
 */
export function allowedEvents(compiled: CompiledWorkflow, snapshot: WorkItemSnapshot, ctx: StepContext): AllowedEvent[] {
  const def = compiled.definition;
  const stage = def.stages[snapshot.stage];
  if (!stage || snapshot.status === 'final') return [];
  const out: AllowedEvent[] = [];
  const tryEvent = (event: WorkItemEvent, meta: Omit<AllowedEvent, 'event'>): void => {
    const r = step(compiled, snapshot, event, ctx);
    if (r.ok) out.push({ event: event.type, ...meta });
    else if (DATA_REFUSALS.includes(r.refusal.code) && meta.sendsData) out.push({ event: event.type, ...meta, pendingOn: r.refusal.code });
  };
  if (snapshot.status === 'active') {
    const seen = new Set<string>();
    for (const t of stage.transitions ?? []) {
      if (seen.has(t.on)) continue;
      seen.add(t.on);
      const needsComment = t.on === 'return' || (stage.requiresCommentOn ?? []).includes(t.on);
      const sendsData = FORWARD.includes(t.on);
      const event = (needsComment ? { type: t.on, comment: '·' } : { type: t.on }) as WorkItemEvent;
      const sameEvent = (stage.transitions ?? []).filter((x) => x.on === t.on);
      const labels = new Set(sameEvent.map((x) => x.label?.vi ?? ''));
      tryEvent(event, { label: labels.size === 1 ? (t.label ?? null) : null, needsComment, sendsData });
    }
    if (stage.kind === 'vote') {
      tryEvent({ type: 'vote.cast', choice: 'abstain' }, { label: null, needsComment: false, sendsData: false });
      const close = step(compiled, snapshot, { type: 'vote.close' }, ctx);
      // A tied vote waits for the chair's tie-break: closing is still the secretary's action.
      if (close.ok || (close.refusal.code === 'INVALID_EVENT' && close.refusal.details?.tally !== undefined)) out.push({ event: 'vote.close', label: null, needsComment: false, sendsData: false });
    }
    tryEvent({ type: 'claim' }, { label: null, needsComment: false, sendsData: false });
    if (!snapshot.assignment?.startedAt) tryEvent({ type: 'start' }, { label: null, needsComment: false, sendsData: false });
    tryEvent({ type: 'release' }, { label: null, needsComment: false, sendsData: false });
    tryEvent({ type: 'suspend' }, { label: null, needsComment: false, sendsData: false });
    tryEvent({ type: 'skip', reason: '·' }, { label: null, needsComment: true, sendsData: false });
  } else {
    tryEvent({ type: 'resume' }, { label: null, needsComment: false, sendsData: false });
  }
  return out.filter((a) => !(a.event === 'claim' && snapshot.assignment?.claimedBy === ctx.actor.userId));
}
