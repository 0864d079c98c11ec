import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { currentLogger } from '../../../common/logging/request-context';
import { DEFAULT_DEFINITIONS } from '@thidua/workflow-core';
import { SeedService, type DemoSeeder } from '../../../seed/seed.service';
import { DefinitionsService } from './definitions.service';

/**
 * Publishes the shipped definitions (launch, launch_ack, unit_plan, inspection, evaluation,
 * commendation) on first start. Idempotent: a key that already has any version is left alone.
 * It runs on application bootstrap whatever SEED_DEMO_DATA says (the product needs its workflows),
 * and is registered with SeedService too so `seedAll` reports it.
 */
@Injectable()
export class DefaultDefinitionsSeeder implements DemoSeeder, OnModuleInit, OnApplicationBootstrap {
  readonly name = 'workflow-definitions';

  constructor(
    private readonly definitions: DefinitionsService,
    private readonly seeds: SeedService,
  ) {}

  onModuleInit(): void {
    this.seeds.register(this);
  }

  /** The product needs its workflows whether or not demo data is loaded. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.seed();
    } catch (err) {
      currentLogger().warn({ err }, 'default workflow definitions not published (database not migrated?)');
    }
  }

  async seed(): Promise<{ created: number }> {
    let created = 0;
    // launch spawns launch_ack, which spawns unit_plan: publish children first so fan-outs validate.
    const order = ['unit_plan', 'launch_ack', 'inspection', 'evaluation', 'commendation', 'launch'];
    const keys = [...order.filter((k) => DEFAULT_DEFINITIONS[k]), ...Object.keys(DEFAULT_DEFINITIONS).filter((k) => !order.includes(k))];
    for (const key of keys) if (await this.definitions.ensurePublished(DEFAULT_DEFINITIONS[key])) created += 1;
    return { created };
  }
}
