import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { OrgModule } from '../org/org.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RefreshTokenRepository } from './refresh-token.repository';

/** Sign-in, tokens, and the global guard that every endpoint passes through. */
@Module({
  imports: [OrgModule],
  controllers: [AuthController],
  providers: [AuthService, RefreshTokenRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
