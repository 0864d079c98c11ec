import { Controller, Get, Res } from '@nestjs/common';
import { healthResponseSchema, readyResponseSchema } from '@thidua/contracts';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse, ReadyResponse } from '@thidua/contracts';
import type { Response } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { HealthService } from './health.service';
import { Returns } from '../../common/openapi/returns.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Returns(healthResponseSchema)
  @Get()
  @Public()
  @ApiOperation({ summary: 'Process is alive' })
  alive(): HealthResponse {
    return this.health.alive();
  }
}

@ApiTags('health')
@Controller('ready')
export class ReadyController {
  constructor(private readonly health: HealthService) {}

  @Returns(readyResponseSchema)
  @Get()
  @Public()
  @ApiOperation({ summary: 'Database and job queue reachable; 503 with the reason when not' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadyResponse> {
    const report = await this.health.ready();
    if (report.status !== 'ready') res.status(503);
    return report;
  }
}
