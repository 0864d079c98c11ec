import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { HashGate } from './hash-gate';

/**
 * argon2id at one of OWASP's equivalent recommended settings (Password Storage Cheat Sheet: m=47104 t=1,
 * m=19456 t=2, m=12288 t=3, m=9216 t=4, m=7168 t=5, all p=1): m = 7 MiB, t = 5, p = 1, the fastest of
 * the five on this project's 2-core machine (`bench/argon2-params.bench.mjs`, docs/benchmarks.md; it also
 * does the least block work, 7168 × 5, and its 7 MiB stay in cache). The encoded hash carries its
 * parameters, so hashes made with other ones (m = 19 MiB, t = 2 before) still verify and `needsRehash`
 * tells sign-in to upgrade them.
 */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 7_168, timeCost: 5, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A hash of a random password, verified against when the username is unknown (equal timing). */
  private dummyHash: Promise<string> | undefined;
  /** Hashing runs on libuv's pool, a few at a time, the rest queued (bounded): see HashGate. */
  private readonly gate = new HashGate();

  hash(password: string): Promise<string> {
    return this.gate.run(() => argon2.hash(password, ARGON2_PARAMS));
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

  /** True when the hash was made with other parameters (or another variant): rehash at the next sign-in. */
  needsRehash(hash: string): boolean {
    if (!hash.startsWith('$argon2id$')) return true;
    try {
      return argon2.needsRehash(hash, { memoryCost: ARGON2_PARAMS.memoryCost, timeCost: ARGON2_PARAMS.timeCost, parallelism: ARGON2_PARAMS.parallelism });
    } catch {
      return true;
    }
  }

  /** Spends the same time as a real verification, so unknown usernames cannot be told apart. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** A readable temporary password (admin resets, generated accounts): 19 random characters. */
  generate(): string {
    return `${randomBytes(9).toString('base64url')}-${randomBytes(3).toString('hex')}`;
  }
}
