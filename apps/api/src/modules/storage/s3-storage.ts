import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { assertObjectKey, type ObjectStorage } from './object-storage.port';

export interface S3Settings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  keyPrefix: string;
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …). Uploads go through lib-storage's multipart `Upload`, which
 * reads the stream in parts of 5 MiB (at most 4 in flight), so memory stays bounded whatever the file's size.
 */
export class S3Storage implements ObjectStorage {
  readonly driver = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly s: S3Settings) {
    this.client = new S3Client({
      region: s.region,
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      forcePathStyle: s.forcePathStyle,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      // Checksums only where S3 requires them: S3-compatible servers that predate the SDK's default CRC32 trailers
      // (aws-chunked bodies) would otherwise store the framing with the bytes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(key: string): string {
    assertObjectKey(key);
    return `${this.s.keyPrefix}${key}`;
  }

  async put(key: string, body: Readable, meta: { contentType: string }): Promise<void> {
    const upload = new Upload({ client: this.client, params: { Bucket: this.s.bucket, Key: this.keyOf(key), Body: body, ContentType: meta.contentType }, queueSize: 2, partSize: 5 * 1024 * 1024 });
    await upload.done();
  }

  async get(key: string): Promise<Readable> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.s.bucket, Key: this.keyOf(key) }));
    return res.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.keyOf(key) }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
