import type { JsonObject } from './json';

export const REFUSAL_CODES = [
  'ROLE',
  'SCOPE',
  'SEPARATION_OF_DUTIES',
  'GUARD',
  'MISSING_FIELDS',
  'ITEM_FINAL',
  'INVALID_EVENT',
  'COMMENT_REQUIRED',
  'NOT_CLAIMANT',
  'ALREADY_VOTED',
  'NOT_ELIGIBLE',
  'SUSPENDED',
  'INVALID_TARGET',
  'OFFER_NOT_OPEN',
  'COSIGN_PENDING',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  message: string;
  details?: JsonObject;
}

/** Thrown inside the engine and turned into `{ ok: false, refusal }` by `step`. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(code: RefusalCode, message: string, details?: JsonObject): never {
  throw new RefusalError(details ? { code, message, details } : { code, message });
}
