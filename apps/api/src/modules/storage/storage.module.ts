import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LocalDiskStorage } from './local-disk-storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage.port';

/**
 * The configured storage. The S3 adapter (and the AWS SDK behind it, ≈ 60 MB resident) is loaded only when
 * STORAGE_DRIVER=s3, so the default product does not carry it (docs/benchmarks.md, idle memory).
 */
export async function createObjectStorage(config: AppConfig): Promise<ObjectStorage> {
  if (config.storage.driver === 's3' && config.storage.s3) {
    const { S3Storage } = await import('./s3-storage');
    return new S3Storage(config.storage.s3);
  }
  return new LocalDiskStorage(config.uploads.dir);
}

/** The file storage port (STORAGE_DRIVER), for every module that keeps files. */
@Module({
  providers: [{ provide: OBJECT_STORAGE, useFactory: createObjectStorage, inject: [APP_CONFIG] }],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  onApplicationShutdown(): void {
    // Only the S3 adapter holds sockets to close.
    const closable = this.storage as ObjectStorage & { destroy?: () => void };
    if (typeof closable.destroy === 'function') closable.destroy();
  }
}
