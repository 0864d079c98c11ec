import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LocalDiskStorage } from './local-disk-storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage.port';
import { S3Storage } from './s3-storage';

export function createObjectStorage(config: AppConfig): ObjectStorage {
  return config.storage.driver === 's3' && config.storage.s3 ? new S3Storage(config.storage.s3) : new LocalDiskStorage(config.uploads.dir);
}

/** The file storage port (STORAGE_DRIVER), for every module that keeps files. */
@Module({
  providers: [{ provide: OBJECT_STORAGE, useFactory: createObjectStorage, inject: [APP_CONFIG] }],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.destroy();
  }
}
