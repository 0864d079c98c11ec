import { MIN_PASSWORD_LENGTH, type FieldProblem } from '@thidua/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../errors/app-error';

export { MIN_PASSWORD_LENGTH };
/** zxcvbn score 0–4; 3 = "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** Words a Vietnamese trade-union user is likely to build a password from. */
const LOCAL_WORDS = [
  'matkhau', 'thidua', 'thiduaflow', 'congdoan', 'doanvien', 'vietnam', 'hanoi', 'saigon', 'hochiminh', 'ninhthuan',
  'phantrang', 'khenthuong', 'quantri', 'admin', 'canbo', 'giamsat', 'hoidong', 'tdkt', 'laodong', 'nguyen', 'tran', 'pham',
];

const commonPasswords: string[] = (common.dictionary as Record<string, string[]>)['passwords-common'] ?? [];
const COMMON_PASSWORDS = new Set(commonPasswords.map((p) => p.toLowerCase()));

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary, local: LOCAL_WORDS },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

export type PasswordProblem = 'password_too_short' | 'password_common' | 'password_weak';

/** The first reason the password is refused, or null when it is acceptable. `userInputs`: the user's own names. */
export function checkPassword(password: string, userInputs: string[] = []): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'password_common';
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
