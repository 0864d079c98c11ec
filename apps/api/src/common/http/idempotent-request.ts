import { currentRequest } from '../logging/request-context';

/**
 * The request being served under an Idempotency-Key: which key row it holds (`owner`) and what it has done
 * with it. Lives in the request context so the transaction subscriber and the workflow runtime find it.
 */
export interface IdempotentRequest {
  userId: string;
  scope: string;
  key: string;
  /** This request's claim on the row; every write of the protocol is conditioned on it. */
  owner: string;
  /** The status the route answers with (set by Nest before the interceptor runs). */
  status: number;
  /** False once the handler settled: later transactions in the same async context (outbox relays) are not its own. */
  isActive: boolean;
  /** A transaction of this request committed (the row is marked applied: it can never be taken over). */
  isApplied: boolean;
  /** The answer was stored inside the action's own transaction (the workflow path): nothing left to write. */
  isAnswered: boolean;
  /** Set while a transaction carries the answer; becomes isAnswered when that transaction commits. */
  answerStagedIn?: object;
}

/** The idempotent request being served here, if any and still running. */
export function currentIdempotentRequest(): IdempotentRequest | undefined {
  const r = currentRequest()?.idempotency;
  return r?.isActive ? r : undefined;
}
