import { MIN_PASSWORD_LENGTH, type FieldProblem } from '@thidua/contracts';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../errors/app-error';

export { MIN_PASSWORD_LENGTH };
/** zxcvbn score 0–4; 3 = "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** Words a Vietnamese trade-union user is likely to build a password from. */
const LOCAL_WORDS = [
  'matkhau', 'thidua', 'thiduaflow', 'congdoan', 'doanvien', 'vietnam', 'hanoi', 'saigon', 'hochiminh', 'ninhthuan',
  'phantrang', 'khenthuong', 'quantri', 'admin', 'canbo', 'giamsat', 'hoidong', 'tdkt', 'laodong', 'nguyen', 'tran', 'pham',
];

/**
 * The dictionaries (≈ 45 MB resident) are loaded at the first password check, not at start: most processes
 * (workers, an API that nobody changes a password on) never need them (docs/benchmarks.md, idle memory).
 */
let checker: { commonPasswords: Set<string>; zxcvbn: ZxcvbnFactory } | null = null;
function passwordChecker(): { commonPasswords: Set<string>; zxcvbn: ZxcvbnFactory } {
  if (checker) return checker;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const commonPasswords: string[] = (common.dictionary as Record<string, string[]>)['passwords-common'] ?? [];
  checker = {
    commonPasswords: new Set(commonPasswords.map((p) => p.toLowerCase())),
    zxcvbn: new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, local: LOCAL_WORDS },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    }),
  };
  return checker;
}

export type PasswordProblem = 'password_too_short' | 'password_common' | 'password_weak';

/** The first reason the password is refused, or null when it is acceptable. `userInputs`: the user's own names. */
export function checkPassword(password: string, userInputs: string[] = []): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  const lower = password.toLowerCase();
  const { commonPasswords, zxcvbn } = passwordChecker();
  if (commonPasswords.has(lower)) return 'password_common';
  if (zxcvbn.check(password, userInputs.filter(Boolean)).score < MIN_PASSWORD_SCORE) return 'password_weak';
  return null;
}

/** Throws WEAK_PASSWORD (400) naming the field, with a Vietnamese / English reason. */
export function assertStrongPassword(password: string, path: string, userInputs: string[] = []): void {
  const problem = checkPassword(password, userInputs);
  if (!problem) return;
  const field: FieldProblem = { path, reason: problem, message: problem };
  throw new AppError('WEAK_PASSWORD', { fields: [field] });
}
