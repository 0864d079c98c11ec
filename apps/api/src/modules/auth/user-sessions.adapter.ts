import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { USER_SESSIONS_PORT, UserSessionsRegistry, type UserSessionsPort } from '../org/index';
import { RefreshTokenRepository } from './refresh-token.repository';

/** Auth's side of org's USER_SESSIONS_PORT: ending a user's sessions revokes their refresh tokens. */
@Injectable()
export class UserSessionsAdapter implements UserSessionsPort, OnModuleInit {
  constructor(
    @Inject(USER_SESSIONS_PORT) private readonly registry: UserSessionsRegistry,
    private readonly tokens: RefreshTokenRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  revokeAll(userId: string, manager: EntityManager): Promise<void> {
    return this.tokens.revokeAllOfUser(userId, manager);
  }
}
