import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * 49,000 common passwords (zxcvbn's list, from leaked password sets), lower case. Few are 12
 * characters long, so a password is also refused when it is one of them with digits or symbols
 * around it ("Password123456!"), or one short piece repeated ("abcabcabcabc").
 */
const COMMON: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))

export function isCommonPassword (password: string): boolean {
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return true
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '')
  if (core !== lower && core.length > 0 && COMMON.has(core)) return true
  return /^(.{1,6})\1+$/su.test(password)
}
