import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';

/**
 * What org needs of sign-in sessions: when a user is disabled or their password is reset, every refresh
 * token of theirs ends in the same transaction. The sessions (`refresh_token`) belong to auth, which
 * depends on org; so org declares this port and auth implements it (auth/user-sessions.adapter.ts) and
 * registers itself in `UserSessionsRegistry` at start. Org never touches `refresh_token` itself.
 */
export interface UserSessionsPort {
  revokeAll(userId: string, manager: EntityManager): Promise<void>;
}

export const USER_SESSIONS_PORT = Symbol('USER_SESSIONS_PORT');

/**
 * The port as org injects it: forwards to the implementation auth registered. Without one (auth not
 * loaded) a change that must end sessions is refused with SERVICE_UNAVAILABLE rather than leaving them open.
 */
@Injectable()
export class UserSessionsRegistry implements UserSessionsPort {
  private impl: UserSessionsPort | null = null;

  register(impl: UserSessionsPort): void {
    this.impl = impl;
  }

  revokeAll(userId: string, manager: EntityManager): Promise<void> {
    if (!this.impl) throw new AppError('SERVICE_UNAVAILABLE', { details: { reason: 'auth_not_loaded' } });
    return this.impl.revokeAll(userId, manager);
  }
}
