import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { tmpdir } from 'node:os';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';

/**
 * The attachment upload: multer's disk storage streams the multipart field `file` to a temporary file (never held in
 * memory), refusing more than UPLOAD_MAX_BYTES of the validated config (413). The service removes the file.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const Multer = FileInterceptor('file', { storage: diskStorage({ destination: tmpdir() }), limits: { fileSize: config.uploads.maxBytes, files: 1 } });
    this.inner = new Multer();
  }

  intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    return Promise.resolve(this.inner.intercept(context, next));
  }
}
