import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/index';
import { DependencyMonitor } from './dependency-monitor';
import { HealthController, ReadyController } from './health.controller';
import { HealthService } from './health.service';
import { MetricSourcesProvider } from './metric-sources';
import { MetricsController } from './metrics.controller';
import { OpsServer } from './ops-server';

/** Health, readiness, Prometheus metrics and the dependency watch: what an operator's tools read. */
@Module({
  imports: [WorkflowModule],
  controllers: [HealthController, ReadyController, MetricsController],
  providers: [HealthService, MetricSourcesProvider, DependencyMonitor, OpsServer],
})
export class HealthModule {}
