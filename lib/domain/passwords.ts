// The password rule for accounts an administrator creates or resets: long enough, not the user name, not one of
// the passwords every guessing list starts with. Checked by userCreateInput / userUpdateInput (and better-auth's
// own minimum length), with Chinese messages.
import { hasControlCharacter, hasLoneSurrogate } from "./text";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** Passwords of 10+ characters that lead the public leak lists, and local favourites. Compared case-insensitively. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "1234567890",
  "0123456789",
  "12345678910",
  "123456789a",
  "a123456789",
  "1234567890a",
  "1q2w3e4r5t",
  "1qaz2wsx3edc",
  "qwertyuiop",
  "qwerty12345",
  "qwerty123456",
  "asdfghjkl;",
  "zxcvbnm123",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "p@ssw0rd123",
  "admin12345",
  "admin123456",
  "administrator",
  "abcd123456",
  "abc1234567",
  "abcdefghij",
  "iloveyou12",
  "woaini1314",
  "woaini520520",
  "5201314520",
  "1314520520",
  "1111111111",
  "0000000000",
  "8888888888",
  "1122334455",
  "9876543210",
  "luoshi12345",
  "luoshi123456",
]);

/** Why `password` may not be used for `username`, in Chinese; null when it may. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过${MAX_PASSWORD_LENGTH}位`;
  if (hasControlCharacter(password) || hasLoneSurrogate(password)) return "密码不能包含控制字符";
  const lower = password.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && lower.includes(name)) return "密码不能包含用户名";
  if (COMMON_PASSWORDS.has(lower)) return "密码过于常见，容易被猜中，请换一个";
  // One or two characters repeated ("aaaaaaaaaa", "ababababab") are as easy to guess as the list.
  if (new Set(lower).size <= 2) return "密码过于简单，请混合使用不同的字母、数字或符号";
  return null;
}
