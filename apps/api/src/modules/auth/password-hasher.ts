import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { HashGate } from './hash-gate';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4); the encoded hash carries its parameters. */
@Injectable()
export class PasswordHasher {
  /** A hash of a random password, verified against when the username is unknown (equal timing). */
  private dummyHash: Promise<string> | undefined;
  /** Hashing runs on libuv's pool, a few at a time, the rest queued (bounded): see HashGate. */
  private readonly gate = new HashGate();

  hash(password: string): Promise<string> {
    return this.gate.run(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return this.gate.run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  /** Spends the same time as a real verification, so unknown usernames cannot be told apart. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** A readable temporary password (admin resets, generated accounts). */
  generate(): string {
    return `${randomBytes(9).toString('base64url')}-${randomBytes(3).toString('hex')}`;
  }
}
