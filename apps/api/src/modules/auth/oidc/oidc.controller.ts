import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { oidcCallbackRequestSchema, type LoginResponse, type OidcCallbackRequest, type OidcEndSessionResponse, type OidcStartResponse, type OidcStatusResponse } from '@thidua/contracts';
import type { Request, Response } from 'express';
import { Public } from '../../../common/auth/access.decorators';
import { ZodBody } from '../../../common/validation/zod-validation';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { presentSession } from '../session-cookies';
import { clearFlowCookie, flowCookieOf, setFlowCookie } from './oidc-flow-cookie';
import { OidcService } from './oidc.service';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('status')
  @Public()
  @ApiOperation({ summary: 'Whether sign-in with the provincial account (OpenID Connect) is configured' })
  @ApiOkResponse({ description: 'OidcStatusResponse' })
  status(): OidcStatusResponse {
    return { enabled: this.oidc.isEnabled };
  }

  @Post('start')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Start an OpenID Connect sign-in: sets the sealed flow cookie (state, nonce, PKCE) and answers the provider URL. 404 OIDC_NOT_CONFIGURED, 502 OIDC_PROVIDER_UNAVAILABLE' })
  @ApiOkResponse({ description: 'OidcStartResponse' })
  async start(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<OidcStartResponse> {
    const { flow, authorizationUrl } = await this.oidc.start();
    setFlowCookie(req, res, flow, this.config.auth.jwtSecret);
    return { authorizationUrl };
  }

  @Post('callback')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Finish an OpenID Connect sign-in with the code and state the provider returned: the product tokens of the linked user, as POST /auth/login. ' +
      '400 OIDC_STATE_INVALID, 401 OIDC_CODE_REJECTED / OIDC_ID_TOKEN_INVALID, 403 OIDC_ACCOUNT_NOT_LINKED / OIDC_ACCOUNT_DISABLED, 502 OIDC_PROVIDER_UNAVAILABLE',
  })
  @ApiOkResponse({ description: 'LoginResponse' })
  async callback(@ZodBody(oidcCallbackRequestSchema) body: OidcCallbackRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const sealed = flowCookieOf(req);
    // A flow is used once, whatever the outcome.
    clearFlowCookie(req, res);
    const session = await this.oidc.finish(sealed, body, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    return presentSession(req, res, session, this.config.auth.refreshTokenTtlDays);
  }

  @Get('end-session')
  @Public()
  @ApiOperation({ summary: "The provider's sign-out URL to visit after POST /auth/logout (null when it has none). 404 OIDC_NOT_CONFIGURED" })
  @ApiOkResponse({ description: 'OidcEndSessionResponse' })
  async endSession(): Promise<OidcEndSessionResponse> {
    return { url: await this.oidc.endSessionUrl() };
  }
}
