import { distance } from 'fastest-levenshtein'

// Given names that stand for one another (both directions): Bob and Robert are one name.
const NICKNAMES: Record<string, string[]> = {
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  william: ['bill', 'billy', 'will', 'willie', 'liam'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby'],
  richard: ['dick', 'rick', 'ricky', 'rich'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jack', 'johnny'],
  margaret: ['maggie', 'meg', 'peggy', 'marge'],
  michael: ['mike', 'mikey', 'mick'],
  katherine: ['kate', 'katie', 'kathy', 'kat'],
  catherine: ['cathy', 'cate', 'kate'],
  jennifer: ['jen', 'jenny'],
  joseph: ['joe', 'joey'],
  thomas: ['tom', 'tommy'],
  charles: ['charlie', 'chuck'],
  christopher: ['chris'],
  daniel: ['dan', 'danny'],
  matthew: ['matt'],
  anthony: ['tony'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  alexander: ['alex', 'sasha'],
  alexandra: ['alex', 'sasha', 'lexi'],
  patricia: ['pat', 'patty', 'trish'],
  susan: ['sue', 'susie'],
  deborah: ['deb', 'debbie'],
  rebecca: ['becky', 'becca'],
  steven: ['steve'],
  stephen: ['steve'],
  nicholas: ['nick'],
  benjamin: ['ben', 'benny'],
  samuel: ['sam'],
  samantha: ['sam'],
  andrew: ['andy', 'drew'],
  jonathan: ['jon'],
  timothy: ['tim'],
  gregory: ['greg'],
  victoria: ['vicky', 'tori']
}

const CANONICAL = new Map<string, Set<string>>()
for (const [full, nicks] of Object.entries(NICKNAMES)) {
  for (const name of [full, ...nicks]) {
    const set = CANONICAL.get(name) ?? new Set<string>()
    set.add(full)
    CANONICAL.set(name, set)
  }
}

/** Lower case, accents and punctuation gone, split into words. */
export function nameTokens (text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/['-]/g, '').split(/\s+/).filter((w) => w.length > 0)
}

const sameName = (a: string, b: string): boolean => {
  if (a === b) return true
  const ca = CANONICAL.get(a)
  const cb = CANONICAL.get(b)
  return ca !== undefined && cb !== undefined && [...ca].some((n) => cb.has(n))
}

/** How alike two words are, 0 to 1: equal or nicknames 1, an initial of the other 0.9, else edit distance. */
function wordScore (a: string, b: string): number {
  if (sameName(a, b)) return 1
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 0.9
  return 1 - distance(a, b) / Math.max(a.length, b.length)
}

/**
 * How well a holder name matches the applicant's first and last name, 0 to 100: each of the
 * applicant's words against the best word of the holder's (in any order, middle names ignored), so
 * "Bob J. Smith" matches "Robert Smith" and "R Smith" nearly does; else the edit distance of the whole.
 */
export function nameMatchScore (holder: string, firstName: string, lastName: string): number {
  const h = nameTokens(holder)
  const a = nameTokens(`${firstName} ${lastName}`)
  if (h.length === 0 || a.length === 0) return 0
  const perWord = a.reduce((sum, w) => sum + Math.max(...h.map((x) => wordScore(w, x))), 0) / a.length
  const joinedA = a.join('')
  const joinedH = h.join('')
  const whole = 1 - distance(joinedA, joinedH) / Math.max(joinedA.length, joinedH.length)
  return Math.round(100 * Math.max(perWord, whole))
}
