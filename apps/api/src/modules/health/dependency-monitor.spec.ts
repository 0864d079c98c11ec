import type { ReadyResponse } from '@thidua/contracts';
import { rootLogger } from '../../common/logging/logger';
import { metricsRegistry } from '../../common/observability/metrics';
import type { AppConfig } from '../../config/app-config';
import { DependencyMonitor } from './dependency-monitor';
import type { HealthService } from './health.service';

describe('DependencyMonitor', () => {
  it('warns once when a dependency fails two checks in a row and once when it is back, with how long it was away', async () => {
    let report: ReadyResponse = { status: 'ready', checks: { database: { ok: true, latencyMs: 1 }, queue: { ok: true, latencyMs: 1 } } };
    const health = { ready: async () => report } as unknown as HealthService;
    const config = { redis: { url: 'redis://127.0.0.1:6379' }, dependencyCheckIntervalMs: 1000 } as AppConfig;
    const monitor = new DependencyMonitor(config, health);
    const warn = jest.spyOn(rootLogger(), 'warn').mockImplementation(() => undefined);
    try {
      await monitor.check(1000);
      expect(warn).not.toHaveBeenCalled();

      // One slow answer is not an outage.
      const down: ReadyResponse = { status: 'not_ready', checks: { database: { ok: true, latencyMs: 1 }, queue: { ok: false, reason: 'connect ECONNREFUSED' } } };
      report = down;
      await monitor.check(1500);
      report = { status: 'ready', checks: { database: { ok: true, latencyMs: 1 }, queue: { ok: true, latencyMs: 1 } } };
      await monitor.check(1800);
      expect(warn).not.toHaveBeenCalled();

      report = down;
      await monitor.check(2000);
      expect(warn).not.toHaveBeenCalled();
      await monitor.check(3000);
      await monitor.check(4000);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenLastCalledWith({ dependency: 'queue', reason: 'connect ECONNREFUSED' }, 'Redis (job queue) is not answering');
      expect(await metricsRegistry.getSingleMetricAsString('thidua_dependency_up')).toContain('thidua_dependency_up{dependency="queue"} 0');

      report = { status: 'ready', checks: { database: { ok: true, latencyMs: 1 }, queue: { ok: true, latencyMs: 1 } } };
      await monitor.check(7500);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn).toHaveBeenLastCalledWith({ dependency: 'queue', downForMs: 5500 }, 'Redis (job queue) is answering again');
      expect(await metricsRegistry.getSingleMetricAsString('thidua_dependency_up')).toContain('thidua_dependency_up{dependency="queue"} 1');
    } finally {
      warn.mockRestore();
    }
  });
});
