import type { ChildSelector } from './definition-types';
import type { TimerKind } from './event-types';
import type { JsonObject } from './json';
import type { Role } from './roles';
import type { UpcomingOffer } from './offering';

/** A role at a unit (everyone holding it, less `except`: people separation of duties bars), or one person. */
export type NotifyTarget = { unitId: string; role: Role; except?: string[] } | { userId: string };

export type Effect =
  | { type: 'assign'; unitId: string; role: Role; mode: 'offer' | 'direct'; userId?: string }
  | { type: 'schedule_timer'; key: string; kind: TimerKind; fireAt: string; stage: string }
  | { type: 'cancel_timers'; stage?: string }
  | { type: 'notify'; to: NotifyTarget; template: string; params: JsonObject }
  | { type: 'spawn_children'; childWorkflow: string; selector: ChildSelector; rootUnitId: string }
  | { type: 'close_children'; reason: string; mode: 'cancel' | 'close' }
  | { type: 'allocate_document_number'; docType: string; issuerUnitId: string; series?: string }
  /** The work of `stage` at `unitId` went to `userId` by `strategy`: round robin and least-recently-allocated state. */
  | { type: 'record_allocation'; stage: string; unitId: string; role: Role; userId: string; strategy: string }
  /** The item's upcoming early-offered stages changed: the runtime rewrites its list and drops commitments to stages no longer upcoming. */
  | { type: 'set_upcoming'; offers: UpcomingOffer[] }
  /** The commitment of `userId` to `stage` was used (honoured or skipped) as the stage opened. */
  | { type: 'consume_commitment'; stage: string; userId: string }
  | { type: 'audit'; action: string; fromStage: string | null; toStage: string; details: JsonObject };

export type EffectType = Effect['type'];
