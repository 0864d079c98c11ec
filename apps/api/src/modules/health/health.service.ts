import { Inject, Injectable } from '@nestjs/common';
import type { HealthResponse, ReadyResponse } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import { JOB_QUEUE, type JobQueue } from '../../jobs/job-queue';

const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms))]);
}

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  alive(): HealthResponse {
    return { status: 'ok', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000), version: process.env.npm_package_version ?? '0.1.0' };
  }

  async ready(): Promise<ReadyResponse> {
    const [database, queue] = await Promise.all([this.checkDatabase(), this.checkQueue()]);
    return { status: database.ok && queue.ok ? 'ready' : 'not_ready', checks: { database, queue } };
  }

  private async checkDatabase(): Promise<ReadyResponse['checks'][string]> {
    const t0 = Date.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), READY_TIMEOUT_MS, 'database');
      return { ok: true, latencyMs: Date.now() - t0 };
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  private async checkQueue(): Promise<ReadyResponse['checks'][string]> {
    const t0 = Date.now();
    const r = await withTimeout(this.queue.health(), READY_TIMEOUT_MS, 'queue').catch((e: unknown) => ({
      ok: false,
      reason: e instanceof Error ? e.message : String(e),
    }));
    return r.ok ? { ok: true, latencyMs: Date.now() - t0 } : { ok: false, reason: `${this.queue.adapter}: ${r.reason}` };
  }
}
