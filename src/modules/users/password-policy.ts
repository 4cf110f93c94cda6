// The password rules for every password set from now on (creation, admin reset, own change): at
// least 10 characters, at most 72 bytes (bcrypt reads no further: longer passwords are refused rather
// than silently cut), no control characters, not the username, and not one of the ~49,000 most common
// passwords (the list of @zxcvbn-ts/language-common). Existing hashes are untouched: users whose
// passwords predate the rules keep logging in.
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_CHARS = 10;
/** bcrypt uses the first 72 bytes of its input. */
export const PASSWORD_MAX_BYTES = 72;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Null when acceptable, else the Chinese reason (without the field name). */
export function passwordProblem(password: string, username: string): string | null {
  if (CONTROL.test(password)) return '密码不能包含控制字符';
  if ([...password].length < PASSWORD_MIN_CHARS) return `密码至少 ${PASSWORD_MIN_CHARS} 个字符`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return `密码不能超过 ${PASSWORD_MAX_BYTES} 字节（UTF-8 编码，一个汉字占 3 字节）`;
  }
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase()) return '密码不能与用户名相同';
  if (commonPasswords().has(lower)) return '该密码属于常见密码，容易被猜中，请换一个';
  return null;
}
