import { Injectable } from '@nestjs/common';
import { rootLogger } from '../common/logging/logger';

/** A module's loader of demo data; must be idempotent (keyed by codes/usernames). */
export interface DemoSeeder {
  readonly name: string;
  seed(options: { demoPassword: string }): Promise<{ created: number }>;
}

/**
 * Loads the demo data on first start (SEED_DEMO_DATA=true). Seeders run in the order given by
 * SeedModule; each one skips what already exists, so a restart changes nothing.
 */
@Injectable()
export class SeedService {
  private readonly seeders: DemoSeeder[] = [];

  register(seeder: DemoSeeder): void {
    this.seeders.push(seeder);
  }

  async seedAll(demoPassword: string): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const s of this.seeders) {
      const { created } = await s.seed({ demoPassword });
      result[s.name] = created;
      if (created > 0) rootLogger().info({ seeder: s.name, created }, 'demo data loaded');
    }
    return result;
  }
}
