import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { from, type Observable, switchMap } from 'rxjs';
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

  /** After multer: the file's sha256, read from the temporary file in a stream (the service and the idempotency fingerprint use it). */
  intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<{ file?: { path?: string; sha256?: string } }>();
    const hashed: CallHandler = {
      handle: () =>
        from(
          (async () => {
            if (req.file?.path) req.file.sha256 = await sha256OfFile(req.file.path);
          })(),
        ).pipe(switchMap(() => next.handle())),
    };
    return Promise.resolve(this.inner.intercept(context, hashed));
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
