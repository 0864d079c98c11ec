import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { OrgModule } from '../org/index';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AppThrottlerGuard, GLOBAL_THROTTLER, isLoginRoute, isProbeRoute, LOGIN_THROTTLER, RedisThrottlerStorage, throttlerKey } from './rate-limit';
import { PrincipalCache } from './principal-cache';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionVersionService } from './session-version.service';
import { UserSessionsAdapter } from './user-sessions.adapter';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';

/**
 * Sign-in, tokens, and the global guards every endpoint passes through: the rate limit first
 * (so a flood is refused before any database work), then authentication and access.
 */
@Module({
  imports: [
    OrgModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          // Health and readiness probes (load balancers, orchestrators) are not counted.
          { name: GLOBAL_THROTTLER, ttl: 60_000, limit: config.web.rateLimitPerMinute, skipIf: isProbeRoute },
          { name: LOGIN_THROTTLER, ttl: 60_000, limit: config.auth.throttlePerMinute, skipIf: (ctx) => !isLoginRoute(ctx) },
        ],
        generateKey: throttlerKey,
        // Shared by every process when Redis is configured; in-process otherwise.
        ...(config.redis.url ? { storage: new RedisThrottlerStorage(config.redis.url, config.web.rateLimitKeyPrefix) } : {}),
      }),
    }),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    RefreshTokenRepository,
    SessionVersionService,
    PrincipalCache,
    UserSessionsAdapter,
    OidcService,
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionVersionService, PrincipalCache],
})
export class AuthModule {}
