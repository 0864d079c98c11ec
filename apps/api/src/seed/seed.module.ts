import { Global, Module } from '@nestjs/common';
import { SeedService } from './seed.service';

/** Modules with demo data inject SeedService and `register()` their seeder in onModuleInit. */
@Global()
@Module({ providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
