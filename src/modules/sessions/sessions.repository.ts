import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import { sessionOrderOfStored, UNBOUNDED_LAG_MS } from '../../db/migrations/2026-12-07-0026-session-order.js'
import { searchWordHours } from '../../db/migrations/2026-12-07-0030-session-search-word-hours.js'
import { PREPARE_SEARCH } from '../../db/pg-prepared.js'
import type { Database, SessionNoteRow, SessionRow } from '../../db/types.js'
import { FINAL_SESSION_STATUSES, OPEN_SESSION_STATUSES, REVIEW_STATUS, SESSION_STATUSES, type SessionStatus } from '../lifecycle/lifecycle.js'
import { termWords, wordTrigrams, type TermWord } from './search-words.js'

/** What a partner's key may see: its team's rows of its own mode (live or test). */
export interface PartnerScope { teamId: number, livemode: boolean }

export interface ListFilters {
  teamId: number
  livemode: boolean
  reviewerId: string | null
  statuses?: SessionStatus[]
  applicantId?: string
  /** Substring (three characters or more) or start (fewer) of the applicant's first or last name, email or applicant id, any ASCII case. */
  q?: string
  createdAfter?: string
  createdBefore?: string
  /** Only REVIEWING sessions whose due date is at or before `now` (true), or every other session (false). */
  overdue?: { overdue: boolean, now: string }
  /** Only sessions with this tag. */
  tag?: string
}

export interface ListQuery extends ListFilters {
  limit: number
  offset: number
  sortBy: 'createdAt' | 'updatedAt' | 'status' | 'dueAt'
  sortOrder: 'asc' | 'desc'
  /** Keyset paging: only rows after this one in the sort order (its sort key, then id). */
  after?: SessionRow
}

/**
 * The list's order: the sort column, then id; sortBy=status then created_at and id, which the status
 * filter's indexes (team, mode[, reviewer], status, created_at, id) serve (migration 0012).
 */
function sortKeys (sortBy: ListQuery['sortBy']): Array<'status' | 'createdAt' | 'updatedAt' | 'id'> {
  // sortBy=dueAt orders by (due_at is null, due_at, id): the list writes that order itself.
  return sortBy === 'status' ? ['status', 'createdAt', 'id'] : sortBy === 'dueAt' ? ['id'] : [sortBy, 'id']
}

/** Lists whose total session_counts answers: no search, applicant or date filter. */
const countable = (f: ListFilters) => f.applicantId === undefined && f.q === undefined && f.createdAfter === undefined && f.createdBefore === undefined &&
  f.overdue === undefined && f.tag === undefined

/** How far the reviewer list goes for a search or date filter before it stops counting exactly. */
export interface ListLimits {
  /**
   * A search matching at most this many sessions of the team and mode pages over them alone (sorted
   * from the search index's candidates); more, and the page walks the list's order testing each row,
   * and the total counts at most this many + 1 of them (`totalExact` false).
   */
  searchCandidates: number
  /** A total counted (applicant or date filter) stops at this many: `totalExact` false, `total` a lower bound. */
  countCap: number
  /** Rows of the list's order a search tests per row of its page before it reads candidates (searchWindow); 0: never. Default SEARCH_WINDOW. */
  searchWindow?: number
  /** SQLite: a term whose rarest trigram is in at most this many documents reads every match through its rare trigrams (rareCandidates); 0: never. Default RARE_TERM_DOCUMENTS. */
  rareTermDocuments?: number
  /** A search sorted by creation reads its page in creation order (SQLite: searchInIdOrder; PostgreSQL, a rare term: searchInHours); false: never. Default true. */
  idOrderSearch?: boolean
  /** A term whose rarest word is in at most this many documents reads every match through it first (wordCandidates); 0: never. Default WORDS_FIRST. */
  wordsFirst?: number
}

/** A search read in id order counts its statuses (counts=true) among its first this many matches (lower bounds past them). */
export const SEARCH_COUNTS = 250

/** Rows of the list's order a search tests for a page before it reads candidates (searchWindow): limit + 1 times this. */
export const SEARCH_WINDOW = 20

// countCap: 1,000 (was 10,000). A date or applicant filter's total counts at most this many rows of
// the list's index; at a million sessions 10,000 made those lists 6 to 7 times slower than at 1,000
// (BENCHMARKS.md, issue 22): counting is the list's only work that grew with the team.
export const DEFAULT_LIST_LIMITS: ListLimits = { searchCandidates: 1000, countCap: 1000, searchWindow: SEARCH_WINDOW }

export interface ListPage { rows: SessionRow[], total: number, totalExact: boolean, hasMore: boolean, byStatus?: StatusCounts }

/** Sessions per status; `exact` false when counted up to the cap (the counts are then lower bounds). */
export interface StatusCounts { counts: Array<{ status: SessionStatus, n: number }>, exact: boolean }

/** How a list with a search reads (SessionsRepository.searchPlan). */
interface SearchPlan {
  term?: SearchTerm
  /** The search's candidates, read once from the search index: at most searchCandidates + 1 ids. */
  ids?: number[]
  /** The page is read among `ids` (they are every match); else it walks the list's order. */
  among: boolean
  none: boolean
  complete: boolean
}

/** A search as the search index reads it (migration 0012). */
export interface SearchTerm {
  /** FTS5 phrase (SQLite). */
  phrase: string
  /** LIKE pattern over the search document (escape \\). */
  pattern: string
  /** The term as searched: ASCII-lower-cased, without U+0001. */
  text: string
}

/**
 * The most creation times may stray from the ids' order (session_order.lag_ms, migration 0026) for a
 * search to read in id order: the rows within it of a page's edges are read besides (by the list's
 * created_at index), so past it those reads would cost more than the search they save.
 */
export const MAX_ID_ORDER_LAG_MS = 60_000

/**
 * The creation-order bound as a search read it (SQLite, session_order): `idOrder` when a search may
 * read in id order; otherwise `lagMs` passed MAX_ID_ORDER_LAG_MS (null: unbounded, after an edited
 * or oddly written created_at), or `tracked` is false (session_order has not seen the newest session).
 */
export interface CreationOrder { lagMs: number | null, tracked: boolean, idOrder: boolean }

/** Separates the fields of the search document (migration 0012); a term never holds it. */
const SEP = '\u0001'

/**
 * The term of `q`: ASCII-lower-cased as SQLite's lower() (the document is), without U+0001. Three
 * characters or more: a substring of a field; fewer: the start of one (the separators before each
 * field complete the trigram). Null when nothing is left to search for.
 */
export function searchTerm (q: string): SearchTerm | null {
  const text = q.replaceAll(SEP, '').replace(/[A-Z]+/g, (c) => c.toLowerCase())
  const length = [...text].length
  if (length === 0) return null
  const prefix = length < 3 ? SEP.repeat(3 - length) : ''
  return {
    phrase: `"${(prefix + text).replaceAll('"', '""')}"`,
    pattern: `%${length < 3 ? SEP : ''}${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    text
  }
}

/** The trigrams FTS5's trigram tokenizer makes of a term's phrase (its characters three by three), each once. */
export function phraseTrigrams (term: SearchTerm): string[] {
  return [...new Set(termWindows(term).at)]
}

/** A term's characters (as its phrase holds them) and the trigram at each position, in order. */
function termWindows (term: SearchTerm): { chars: string[], at: string[] } {
  const chars = [...term.phrase.slice(1, -1).replaceAll('""', '"')]
  return { chars, at: chars.map((_, i) => chars.slice(i, i + 3).join('')).slice(0, Math.max(chars.length - 2, 0)) }
}

/**
 * The substrings of a term that the runs of these trigrams make: every position of one of them (a
 * repeated one too: "00000777" is one run of 000, 007, 077, 777), positions next to one another one
 * substring, each once.
 */
function trigramRuns (term: SearchTerm, trigrams: string[]): string[] {
  const { chars, at } = termWindows(term)
  const used = new Set(trigrams)
  const runs = new Set<string>()
  for (let i = 0; i < at.length; i++) {
    if (!used.has(at[i])) continue
    let j = i
    while (j + 1 < at.length && used.has(at[j + 1])) j++
    runs.add(chars.slice(i, j + 3).join(''))
    i = j
  }
  return [...runs]
}

/**
 * A term whose rarest trigram is in at most this many documents reads its candidates through its
 * rare trigrams alone (SQLite, see SessionsRepository.rareCandidates), all of them.
 */
export const RARE_TERM_DOCUMENTS = 5000

/**
 * A term with a word (termWords) in at most this many documents reads every match through it before
 * a page is read in the list's order (SessionsRepository.list): a page sorted from that many rows is
 * quicker than any other plan. More (a last name 0.2% of a million sessions share: 2,222), and a page
 * is read from the list's order (SQLite: in id order; PostgreSQL: the last hours), where reading all
 * of them took 27 ms on PostgreSQL against 7.
 */
const WORDS_FIRST = 500

/**
 * SQLite: a word whose trigrams bound its documents to at most this many is counted (once in a while,
 * as trigrams are: TrigramCounts); more, and the bound stands for it (a count reads its documents: a
 * word's start as common as "com" would read a list as long as the table).
 */
const WORD_COUNTS = 50_000

/**
 * PostgreSQL: a word the sample puts in at most this many documents (and more than WORDS_FIRST: those
 * are read at once) is counted, up to PG_WORD_COUNTED, once a sample (SampledTrigrams.wordDocuments);
 * more, and the sample's estimate stands for it (5,000 of a million sessions are about 14 sampled
 * documents of 3,000: within about a quarter, where a 0.2% last name's six were off by half).
 */
const PG_WORD_COUNTS = 5000
const PG_WORD_COUNTED = 20_000

/**
 * How many documents of the search index hold each trigram (SQLite: FTS5's own vocabulary, through
 * an fts5vocab table of the connection's temp schema), kept for `ttlMs`: reading a trigram's count
 * reads its posting list (about 50 ns a document: 60 ms for a trigram every one of a million
 * documents holds, 0.5 ms for one of 4,000), so each is read once in a while, not per search. Only
 * a hint for choosing which trigrams to read: a stale count changes the cost of a search, never its
 * answer (candidates are checked against the term).
 */
class TrigramCounts {
  /** A count being read is shared: searches arriving together on a cold cache read each trigram once, not once each. */
  private readonly cache = new Map<string, { n: Promise<number>, at: number }>()

  constructor (private readonly db: Kysely<Database>, private readonly ttlMs = 10 * 60_000, private readonly max = 20_000) {}

  async of (trigrams: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    for (const t of trigrams) out.set(t, await this.cached(t, async () => await this.read(t)))
    return out
  }

  /** Counts found stale: read again at the next search (the table's size too). */
  forget (trigrams: string[]): void {
    for (const t of [...trigrams, DOCUMENTS]) this.cache.delete(t)
  }

  /** About how many documents the index holds (the highest session id), read as rarely as the counts. */
  async documents (): Promise<number> {
    return await this.cached(DOCUMENTS, async () => {
      const { rows } = await sql<{ id: number | null }>`select max(id) as id from sessions`.execute(this.db)
      return Number(rows[0]?.id ?? 0)
    })
  }

  /** How many documents of the word index (migration 0029) `match` (a word, or a word's start) finds, up to `cap`. */
  async word (match: string, cap: number): Promise<number> {
    return await this.cached(wordKey(match), async () => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from sessions_words where sessions_words match ${match} limit ${cap})`.execute(this.db)
      return Number(rows[0]?.n ?? 0)
    })
  }

  /** The value kept under `key`, read again once older than the TTL; a failed read is not kept (the next search reads again). */
  private async cached (key: string, load: () => Promise<number>): Promise<number> {
    const now = Date.now()
    let hit = this.cache.get(key)
    if (hit === undefined || now - hit.at >= this.ttlMs) {
      if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value as string)
      this.cache.delete(key)
      const entry = { n: load(), at: now }
      hit = entry
      this.cache.set(key, entry)
      entry.n.catch(() => { if (this.cache.get(key) === entry) this.cache.delete(key) })
    }
    return await hit.n
  }

  private async read (t: string): Promise<number> {
    // Each time (a no-op once there): created inside a transaction that then rolled back, it is gone.
    await sql`create virtual table if not exists temp.sessions_search_vocab using fts5vocab(main, sessions_search, 'row')`.execute(this.db)
    const { rows } = await sql<{ doc: number }>`select doc from temp.sessions_search_vocab where term = ${t}`.execute(this.db)
    return Number(rows[0]?.doc ?? 0)
  }
}

/** TrigramCounts' key of the table's size: longer than any trigram, so never one. */
const DOCUMENTS = '#documents'

/** SQLite: the FTS5 query of a word of a term in the word index: the word, or (not `whole`) any word it starts. */
const wordMatch = (w: TermWord) => `"${w.word}"${w.whole ? '' : '*'}`

/** PostgreSQL: a word as the word index's tsquery reads it (a prefix unless the term ends it too). */
const wordQuery = (w: TermWord) => `${w.word}${w.whole ? '' : ':*'}`

/** TrigramCounts' key of a word's count (never a trigram's, nor DOCUMENTS). */
const wordKey = (match: string) => `#word ${match}`

/** A sampled document's trigrams, hashed (the sample keeps no applicant's text). */
function trigramHash (t: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * A counted word's key (SampledTrigrams.wordDocuments): a 32-bit hash, so the words reviewers
 * searched are not kept as text (a short word can be guessed back from its hash: the count beside it
 * is no secret of the word's documents). Two words of one key share a count: a wrong estimate, which
 * changes a search's cost, never its answer.
 */
const wordHash = trigramHash

/**
 * A sample of the table (SampledTrigrams): each trigram's sampled documents (their indexes, ascending;
 * `size` documents, each standing for `scale` rows of the table); the creation times (ms, ascending,
 * each at its minute's start) of a second, larger sample (each row standing for `timeScale` rows), of
 * each team and mode and of all; and the words counted with it (`words`, by wordHash).
 */
interface TrigramSample { postings: Map<number, number[]>, times: Map<string, number[]>, all: number[], size: number, scale: number, timeScale: number, words: Map<number, Promise<number>> }

/** The most words whose documents a sample keeps counted (SampledTrigrams.wordDocuments); past it they are counted afresh. */
const COUNTED_WORDS = 10_000

/**
 * The sampled documents in every one of these lists (sorted indexes, each once): how many. Each
 * document of the shortest is looked up in the others by bisection from where the last one was
 * found: nothing built (a Set of each longer list cost 3% of a search's CPU at a million sessions).
 */
export function intersected (lists: number[][]): number {
  if (lists.length === 0) return 0
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  const from = sorted.map(() => 0)
  let n = 0
  for (const d of sorted[0]) {
    let inAll = true
    for (let j = 1; j < sorted.length && inAll; j++) {
      const list = sorted[j]
      const i = lowerBound(list, d, from[j])
      // Past the end of one list: no later document is in it either.
      if (i === list.length) return n
      from[j] = i
      inAll = list[i] === d
    }
    if (inAll) n++
  }
  return n
}

/** The sampled documents holding every one of these trigrams (each once): how many. */
function sampledHolding (postings: TrigramSample['postings'], trigrams: string[]): number {
  return intersected([...new Set(trigrams)].map((t) => postings.get(trigramHash(t)) ?? []))
}

/** The index of the first element of `sorted` (ascending) at or above `value` (from `lo` on). */
function lowerBound (sorted: number[], value: number, lo = 0): number {
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * How many documents hold each trigram, on PostgreSQL: estimated from a sample of the table (about
 * `size` rows read through TABLESAMPLE SYSTEM, their trigrams as pg_trgm makes them: show_trgm), taken
 * again after `ttlMs`. A GIN index answers in bitmaps, reading each trigram's whole posting list (27 ms
 * at a million sessions for an applicant id: every one holds "000"), so a rare term's matches are read
 * through its rare trigrams only (SessionsRepository.rareCandidates). Only a hint for choosing them: a
 * wrong estimate changes the cost of a search, never its answer. Kept as each hashed trigram's sampled
 * documents and each team's sampled creation times, so a search's questions cost microseconds.
 */
class SampledTrigrams {
  private sample: Promise<TrigramSample> | null = null
  private at = 0
  /** Counts the samples begun and forgotten: a sample is kept only while it is the newest begun since the last forget. */
  private generation = 0

  /**
   * `size` documents' trigrams; the creation times of about `timeSize` rows (pages of the table, not
   * rows, are sampled: a page holds some forty sessions created one after the other, so a few
   * thousand rows tell the newest hours of a team from a handful of pages, and ten times as many from
   * about eight hundred). Taken again after ttlMs.
   */
  constructor (private readonly db: Kysely<Database>, private readonly size = 3000, private readonly ttlMs = 10 * 60_000, private readonly timeSize = 30_000) {}

  /**
   * The sample (every question reads it through here: one sample at a time). Past ttlMs the next one is
   * taken while the questions read the last one; a sample found stale (forget) is waited for.
   */
  private async current (): Promise<TrigramSample> {
    const now = Date.now()
    if (this.sample === null || now - this.at >= this.ttlMs) {
      this.at = now
      const last = this.sample
      const generation = ++this.generation
      const taking = this.take()
      // Kept when no newer one was begun meanwhile, nor the sample forgotten (an older one never
      // replaces it). A failed sample is not kept: without a last one, the next search samples again;
      // with one, it is read until its next lifetime ends.
      taking.then(() => { if (this.generation === generation) this.sample = taking }, () => { if (this.sample === taking) this.sample = null })
      if (last === null) this.sample = taking
      else return await last
    }
    return await this.sample
  }

  /** Each trigram's estimated number of documents in the table. */
  async of (trigrams: string[]): Promise<Map<string, number>> {
    const { postings, scale } = await this.current()
    return new Map(trigrams.map((t) => [t, (postings.get(trigramHash(t))?.length ?? 0) * scale]))
  }

  /** A sample found stale: taken again at the next search. */
  forget (): void {
    this.generation++
    this.sample = null
  }

  /** What the sample tells apart: the documents one sampled document stands for, and the table's. */
  async resolution (): Promise<{ doc: number, total: number }> {
    const { size, scale } = await this.current()
    return { doc: scale, total: scale * size }
  }

  /** The estimated number of documents holding every one of these trigrams (the sampled documents that do, scaled). */
  async holding (trigrams: string[]): Promise<number> {
    const { postings, scale } = await this.current()
    return sampledHolding(postings, trigrams) * scale
  }

  /** A word's documents counted with this sample (wordDocuments), if they were. */
  async countedWord (key: string): Promise<number | undefined> {
    const { words } = await this.current()
    return await words.get(wordHash(key))
  }

  /**
   * A word's documents as `count` reads them, kept as long as the sample (its key hashed: wordHash).
   * The sample's own estimate of a rare word stands on a few sampled
   * documents (a last name 0.2% of a million sessions share: about six of 3,000, and none in one
   * sample of 400), too few to place a page of its matches in time; a count reads each document once
   * (5 ms for that name's 2,222), once in a while.
   */
  async wordDocuments (key: string, count: () => Promise<number>): Promise<number> {
    const { words } = await this.current()
    const h = wordHash(key)
    let counted = words.get(h)
    if (counted === undefined) {
      if (words.size >= COUNTED_WORDS) words.clear()
      const counting = count()
      counted = counting
      words.set(h, counting)
      // A failed count is not kept: the next search counts again.
      counting.catch(() => { if (words.get(h) === counting) words.delete(h) })
    }
    return await counted
  }

  /**
   * The share of the sampled documents holding the trigrams `of` that hold `trigrams` as well, each
   * count one more than sampled (none sampled is not none): a term's share of its word's documents.
   */
  async share (trigrams: string[], of: string[]): Promise<number> {
    const { postings } = await this.current()
    return (sampledHolding(postings, [...trigrams, ...of]) + 1) / (sampledHolding(postings, of) + 1)
  }

  /** The estimated number of sessions of a team and mode (its sampled rows, scaled). */
  async teamRows (scope: { teamId: number, livemode: boolean }): Promise<number> {
    const { times, timeScale } = await this.current()
    return (times.get(`${scope.teamId}/${scope.livemode ? 1 : 0}`)?.length ?? 0) * timeScale
  }

  /**
   * Where a page of a term's matches ends in a list sorted by creation, about: the creation time of
   * the team's (and mode's) sampled row past which, in the list's direction from `after` (ms), its
   * sessions hold `matches` of them, at the share of the table's documents holding the term:
   * `documents` of them when the caller counted them, else the share of the sampled documents holding
   * `trigrams`; the team's rows counted among the sampled times (each standing for `timeScale` rows).
   * Null when the sampled rows of the team do not reach that far, no document holds the term, or the
   * sample is empty. Only a hint: the reader reads further when the page is not full.
   */
  async creationBound (trigrams: string[], scope: { teamId: number, livemode: boolean }, matches: number, desc: boolean, after?: number, documents?: number): Promise<number | null> {
    const { postings, times, size, scale, timeScale } = await this.current()
    // The share of the table's documents holding the term: counted (documents) or sampled. A term no
    // document holds (none counted, or none sampled) is too rare to place: its every match is read
    // (rareCandidatesPg); so is any term of an empty sample.
    const rate = documents !== undefined ? documents / (scale * size) : sampledHolding(postings, trigrams) / size
    // Matches each sampled row of the times stands for (each standing for timeScale rows of the table).
    const perRow = rate * timeScale
    if (!(perRow > 0) || !Number.isFinite(perRow)) return null
    const k = Math.max(1, Math.ceil(matches / perRow))
    const all = times.get(`${scope.teamId}/${scope.livemode ? 1 : 0}`) ?? []
    // The team's sampled times past the cursor, in the list's direction: [from, to) of `all`.
    const from = desc ? 0 : after === undefined ? 0 : lowerBound(all, after + 1)
    const to = desc ? (after === undefined ? all.length : lowerBound(all, after)) : all.length
    if (k >= to - from) return null
    const bound = desc ? all[to - k] : all[from + k - 1]
    // From the hour of the team's last sampled row on, the read is the whole history (said exactly).
    const hour = (at: number) => Math.floor(at / 3_600_000)
    return hour(bound) !== hour(desc ? all[from] : all[to - 1]) ? bound : null
  }

  /**
   * The estimated number of sessions of every team the index's hours from `bound`'s on hold (to the
   * end of the table in the list's direction): what a read of those hours puts in its bitmap.
   */
  async rowsFrom (bound: number, desc: boolean): Promise<number> {
    const { all, timeScale } = await this.current()
    const hour = Math.floor(bound / 3_600_000) * 3_600_000
    return (desc ? all.length - lowerBound(all, hour) : lowerBound(all, hour + 3_600_000)) * timeScale
  }

  private async take (): Promise<TrigramSample> {
    const ext = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(this.db)
    // reltuples is -1 for a table never analysed: its size unknown, the sample is bounded by its LIMIT alone.
    const { rows: [stats] } = await sql<{ reltuples: number }>`select reltuples::float8 as reltuples from pg_class where oid = 'sessions'::regclass`.execute(this.db)
    const total = Number(stats?.reltuples ?? -1)
    const percent = total <= this.size ? 100 : Math.max(0.0001, (100 * this.size) / total)
    const showTrgm = sql`${sql.id(ext.rows[0]?.schema ?? 'public')}.show_trgm`
    const { rows } = await sql<{ trigrams: string[] }>`select ${showTrgm}(d.doc) as trigrams
      from (select ${searchDocument()} as doc from sessions tablesample system (${sql.lit(percent)}) limit ${2 * this.size}) d`.execute(this.db)
    const postings = new Map<number, number[]>()
    rows.forEach((r, i) => {
      for (const t of r.trigrams) {
        const h = trigramHash(t)
        const list = postings.get(h)
        if (list === undefined) postings.set(h, [i])
        else if (list[list.length - 1] !== i) list.push(i)
      }
    })
    // The times: each team's and mode's sampled rows by the minute they were created in (a few
    // thousand rows to read where a row each would be tens of thousands: 50 ms against 80 at a
    // million sessions), each row at its minute's start (the reads are by the hour).
    const timePercent = total <= this.timeSize ? 100 : Math.max(0.0001, (100 * this.timeSize) / total)
    const { rows: minutes } = await sql<{ teamId: number, livemode: number, at: number, n: number }>`select t.team_id, t.livemode,
        floor(extract(epoch from t.created_at) / 60)::float8 * 60000 as at, count(*)::int as n
      from (select team_id, livemode, created_at from sessions tablesample system (${sql.lit(timePercent)}) limit ${2 * this.timeSize}) t group by 1, 2, 3`.execute(this.db)
    const times = new Map<string, number[]>()
    const all: number[] = []
    for (const r of minutes) {
      const scope = `${Number(r.teamId)}/${Number(r.livemode)}`
      let at = times.get(scope)
      if (at === undefined) times.set(scope, at = [])
      for (let i = 0; i < Number(r.n); i++) { at.push(Number(r.at)); all.push(Number(r.at)) }
    }
    for (const at of times.values()) at.sort((a, b) => a - b)
    all.sort((a, b) => a - b)
    const scaled = (n: number) => n === 0 ? 0 : Math.max(total, n) / n
    return { postings, times, all, size: rows.length, scale: scaled(rows.length), timeScale: scaled(all.length), words: new Map() }
  }
}

/** The searched fields, in the search document's order. */
const SEARCHED_FIELDS = ['applicant_first_name', 'applicant_last_name', 'applicant_email', 'applicant_id']

/**
 * PostgreSQL: the search document of a sessions row, as migrations 0012 and 0027 index it (the very
 * expression of the GIN index, so the planner can use it): first name, last name, email and applicant
 * id, each after two U+0001, one U+0001 at the end, lower-cased. SQLite's FTS5 table holds the same
 * document (0012), and its rows are tested field by field (`matches`).
 */
function searchDocument (table = 'sessions') {
  const field = (column: string) => sql`coalesce(${sql.ref(`${table}.${column}`)}, '')`
  const sep = sql`E'\\x01\\x01'`
  return sql`lower(${sep} || ${sql.join(SEARCHED_FIELDS.map(field), sql` || ${sep} || `)} || E'\\x01')`
}

/** The most hours a word's read from the last (or first) hours names, one lexeme each; more, and it reads none (searchInHours answers null: rareCandidates reads every match, exact). */
const WORD_HOURS = 2000

/** The word of a term the fewest documents hold, and about how many (SessionsRepository.rarestWord). */
interface RarestWord { word: TermWord, documents: number }

/** PostgreSQL: the trigrams a rare term's matches are read through, and the documents estimated to hold them all (rareTrigramsPg). */
interface RareTrigrams { trigrams: string[], documents: number }

/** The hour (UTC) a session was created in, as migration 0027's index keys it (PostgreSQL). */
const CREATION_HOUR = sql`date_trunc('hour', created_at at time zone 'UTC')`

/**
 * PostgreSQL: the search document holds these trigrams of the term (letters and digits), as LIKEs the
 * GIN index serves with exactly them: '%abc%' is the trigram abc to pg_trgm, and trigrams next to
 * one another in the term are one LIKE of the letters they span ('%abcd%': abc and bcd), which a
 * match of the term implies. Each LIKE is computed again on every row the index returns (its recheck:
 * most of a rare read's cost), so the fewer the better.
 */
function rareTrigramMatch (term: SearchTerm, trigrams: string[], table = 'sessions') {
  const doc = searchDocument(table)
  // Letters and digits only: no LIKE wildcard nor escape to write.
  return trigramRuns(term, trigrams).map((run) => sql<boolean>`${doc} like ${`%${run}%`}`)
}

/** An id-order read's filters on sessions `s`: team and mode, reviewer, and (withStatus) the status filter. */
function idOrderScope (f: ListFilters, withStatus: boolean) {
  const scope = [sql`s.team_id = ${f.teamId}`, sql`s.livemode = ${f.livemode ? 1 : 0}`]
  if (f.reviewerId !== null) scope.push(sql`s.reviewer_id = ${f.reviewerId}`)
  if (withStatus && f.statuses !== undefined && f.statuses.length > 0) scope.push(sql`s.status in (${sql.join(f.statuses)})`)
  return scope
}

/** The list's order when sorted by creation (created_at, then id), for rows sorted in memory. */
function inCreationOrder (desc: boolean) {
  const sign = desc ? -1 : 1
  return (a: Pick<SessionRow, 'createdAt' | 'id'>, b: Pick<SessionRow, 'createdAt' | 'id'>) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1) * sign
}

/** Sessions `s` after this one in the list's order when sorted by creation (the keyset cursor). */
function afterInCreationOrder (after: SessionRow, desc: boolean) {
  const cmp = sql.raw(desc ? '<' : '>')
  return sql<boolean>`(s.created_at ${cmp} ${after.createdAt} or (s.created_at = ${after.createdAt} and s.id ${cmp} ${after.id}))`
}

/** The plan of a rare term: every match read (rareCandidates), the page among them. */
function rarePlan (term: SearchTerm, ids: number[]): SearchPlan {
  return { term, ids, among: true, none: ids.length === 0, complete: true }
}

/** Counts per status, exact or lower bounds: past the cap each lower bound is said as the cap at most (as the total is). */
function capped (counts: StatusCounts['counts'], exact: boolean, cap: number): StatusCounts {
  return { counts: exact ? counts : counts.map((c) => ({ ...c, n: Math.min(c.n, cap) })), exact }
}

/**
 * A search's page with its counts per status (counts=true) read apart from it: exact counts make the
 * total exact (the counts of the statuses it filters on); lower bounds make it at least theirs.
 */
function withStatusCounts (page: ListPage, q: ListQuery, byStatus: StatusCounts): ListPage {
  const counted = byStatus.counts.filter((c) => q.statuses === undefined || q.statuses.length === 0 || q.statuses.includes(c.status)).reduce((sum, c) => sum + c.n, 0)
  if (byStatus.exact) return { ...page, total: counted, totalExact: true, byStatus }
  return { ...page, total: Math.max(page.total, counted), byStatus }
}

/**
 * PostgreSQL: the documents whose `word` (a word of the term: termWords) is among those of the hours
 * from `bound`'s to the team's newest session's (`desc`; ascending, from its oldest to `bound`'s), or
 * to the cursor's hour: one lexeme of the word index per hour ("_<hour>_<word>", migration 0030), put
 * together into one tsquery by the statement. More than WORD_HOURS hours, and none (no row: the
 * caller's other plans answer).
 */
function wordInHours (word: TermWord, bound: number, desc: boolean, q: ListQuery, cursorAt: number | undefined) {
  const hourOf = (at: number) => sql`${Math.floor(at / 3_600_000)}::bigint`
  const edge = sql`(select floor(extract(epoch from ${sql.raw(desc ? 'max' : 'min')}(e.created_at) at time zone 'UTC') / 3600)::bigint
    from sessions e where e.team_id = ${q.teamId} and e.livemode = ${q.livemode ? 1 : 0})`
  const end = cursorAt === undefined ? edge : hourOf(cursorAt)
  const [from, to] = desc ? [hourOf(bound), end] : [end, hourOf(bound)]
  return sql<boolean>`${searchWordHours('s')} @@ (select cast(string_agg(format(${"'_%s_%s'%s"}, h, ${word.word}::text, ${word.whole ? '' : ':*'}::text), ' | ') as tsquery)
    from (select ${from} as a, ${to} as b) span, generate_series(span.a, span.b) h where span.b - span.a < ${WORD_HOURS})`
}

/** The window counts a page read from the last hours carries on each row (searchInHours). */
type HoursCounts = { hoursMatches: number | string } & { [K in `hours${Capitalize<Lowercase<SessionStatus>>}`]: number | string }

/** Counts as the driver gives them (PostgreSQL's bigint: a string) to numbers: every match read, and those of each status present. */
function hoursCounts (row: HoursCounts): { all: number, byStatus: StatusCounts['counts'] } {
  const byStatus = SESSION_STATUSES.map((status) => ({ status, n: Number(row[hoursKey(status)]) })).filter((c) => c.n > 0)
  return { all: Number(row.hoursMatches), byStatus }
}

const hoursKey = (status: SessionStatus) => `hours${status.charAt(0)}${status.slice(1).toLowerCase()}` as keyof HoursCounts
/** The window counts' keys on a row read from the last hours. */
const HOURS_KEYS = new Set(['hoursMatches', ...SESSION_STATUSES.map(hoursKey)])

/** A page's row without the window counts it was read with. */
function withoutHoursCounts (row: SessionRow & HoursCounts): SessionRow {
  // Copied key by key, not spread and deleted from: a deleted key leaves an object in dictionary mode,
  // slower to read and to serialise (2% of a search's CPU at a million sessions).
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(row)) if (!HOURS_KEYS.has(key)) copy[key] = (row as unknown as Record<string, unknown>)[key]
  return copy as unknown as SessionRow
}

/** Reads of sessions and the idempotency records of their creation; status changes go through LifecycleRepository. */
/** Which teams' sessions a retention pass reads: one team (its own setting), or all but those with one. */
export interface RetentionTeams { teamId?: number, exceptTeamIds?: number[] }

export class SessionsRepository {
  private readonly pg: boolean
  private readonly trigramCounts: TrigramCounts | null
  private readonly sampledTrigrams: SampledTrigrams | null
  private lastCreationOrder: CreationOrder | null = null

  constructor (private readonly db: Kysely<Database>, private readonly limits: ListLimits = DEFAULT_LIST_LIMITS) {
    this.pg = isPostgres(db)
    this.trigramCounts = this.pg ? null : new TrigramCounts(db)
    this.sampledTrigrams = this.pg ? new SampledTrigrams(db) : null
  }

  /** How many sessions of the team and mode name this applicant (by email or by applicant id) since `since`. */
  async countForApplicant (scope: { teamId: number, livemode: number }, applicant: { email: string | null, applicantId: string | null }, since: string): Promise<number> {
    if (applicant.email === null && applicant.applicantId === null) return 0
    const row = await this.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode).where('createdAt', '>=', since)
      .where((eb) => eb.or([
        // An email in another case is the same applicant's (no dodging the count by typing it differently).
        ...(applicant.email !== null ? [eb(eb.fn('lower', ['applicantEmail']), '=', applicant.email.toLowerCase())] : []),
        ...(applicant.applicantId !== null ? [eb('applicantId', '=', applicant.applicantId)] : [])
      ]))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async findById (id: number): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** A session of this team only: another team's row reads as missing. */
  async findForTeam (id: number, scope: PartnerScope): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('id', '=', id).where('teamId', '=', scope.teamId)
      .where('livemode', '=', scope.livemode ? 1 : 0).executeTakeFirst()
  }

  async findByLinkTokenHash (hash: string): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('linkTokenHash', '=', hash).executeTakeFirst()
  }

  async allowedSourceIds (sessionId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('sessionAllowedSources').select('sourceId')
      .where('sessionId', '=', sessionId).orderBy('sourceId').execute()
    return rows.map((r) => r.sourceId)
  }

  /**
   * The list's WHERE: team and mode, reviewer, statuses, applicant, dates, search. `among` narrows it
   * to the search's candidates (ids of the team's and mode's sessions the search index found, see
   * `candidates`) and makes them drive the query whatever the planner's statistics say
   * (without them, both databases were seen walking the whole team and testing each row against the
   * candidates): team, mode and status are then written so that no index can serve them (a unary `+`,
   * or `|| ''` for PostgreSQL's text), leaving the primary key lookup of the candidates. Without
   * `among` a search tests each row's document (LIKE), which is how a page walks the list's own
   * index for a term many sessions share.
   */
  private filtered (f: ListFilters, withStatus = true, among?: number[], term?: SearchTerm) {
    const driven = among !== undefined
    const col = (name: string) => !driven ? sql.ref(name) : this.pg && name === 'status' ? sql`(${sql.ref(name)} || '')` : sql`+${sql.ref(name)}`
    let base = this.db.selectFrom('sessions').where(col('team_id'), '=', f.teamId).where(col('livemode'), '=', f.livemode ? 1 : 0)
    if (f.reviewerId !== null) base = base.where('reviewerId', '=', f.reviewerId)
    if (withStatus && f.statuses && f.statuses.length > 0) base = base.where(col('status'), 'in', f.statuses)
    if (f.applicantId !== undefined) base = base.where('applicantId', '=', f.applicantId)
    if (f.createdAfter !== undefined) base = base.where('createdAt', '>', f.createdAfter)
    if (f.createdBefore !== undefined) base = base.where('createdAt', '<', f.createdBefore)
    if (f.overdue !== undefined) {
      const { now } = f.overdue
      base = f.overdue.overdue
        ? base.where('status', '=', REVIEW_STATUS).where('dueAt', 'is not', null).where('dueAt', '<=', now)
        : base.where((eb) => eb.or([eb('status', '!=', REVIEW_STATUS), eb('dueAt', 'is', null), eb('dueAt', '>', now)]))
    }
    if (f.tag !== undefined) {
      const tagged = this.db.selectFrom('sessionTags').select('sessionTags.sessionId').where('sessionTags.teamId', '=', f.teamId).where('sessionTags.tag', '=', f.tag)
      base = base.where('id', 'in', tagged)
    }
    if (term !== undefined) {
      if (among !== undefined) {
        // Many ids (a rare term's every match) as one parameter on SQLite: each `?` is parsed and bound.
        base = this.pg
          ? base.where(sql<boolean>`id = any(${among}::integer[])`)
          : among.length > 1000 ? base.where('id', 'in', sql<number>`(select value from json_each(${JSON.stringify(among)}))`) : base.where('id', 'in', among)
      } else {
        base = base.where(this.matches(term))
      }
    }
    return base
  }

  /**
   * The search's test of one row: its document holds the term. PostgreSQL: a LIKE on the document, which
   * the search index answers too. SQLite: the same test field by field (SQLite's LIKE ignores ASCII case,
   * as the document's lower() folds it; a term of fewer than three characters starts a field or follows
   * a U+0001 inside one, as "\u0001te" in the document): building each row's document cost about 0.65 us
   * a row, the four LIKEs 0.25 (an applicant id's 1,432 candidates at a million sessions: 1.40 -> 1.04 ms).
   */
  private matches (term: SearchTerm, table = 'sessions') {
    if (this.pg) return sql<boolean>`${searchDocument(table)} like lower(${term.pattern}) escape '\\'`
    const start = `%${SEP}`
    const short = term.pattern.startsWith(start)
    // A short term: the start of a field, or after a U+0001 inside one (the document has one there too).
    const patterns = short ? [term.pattern.slice(start.length), term.pattern] : [term.pattern]
    return sql<boolean>`(${sql.join(SEARCHED_FIELDS.flatMap((c) => patterns.map((p) => sql`${sql.ref(`${table}.${c}`)} like ${p} escape '\\'`)), sql` or `)})`
  }

  /**
   * Ids of the team's and mode's sessions matching the search, through the search index (SQLite: the
   * FTS5 trigram table; PostgreSQL: the GIN index, the only index left usable by the `+` on team and
   * mode), at most `limit` of them. Candidates only: the list applies its other filters.
   */
  private candidates (f: ListFilters, term: SearchTerm, limit: number) {
    if (this.pg) {
      return sql<{ id: number }>`select id from sessions where +team_id = ${f.teamId} and +livemode = ${f.livemode ? 1 : 0}
        and ${this.matches(term)} limit ${limit}`
    }
    return sql<{ id: number }>`select s.id as id from sessions_search m join sessions s on s.id = m.rowid
      where sessions_search match ${term.phrase} and s.team_id = ${f.teamId} and s.livemode = ${f.livemode ? 1 : 0} limit ${limit}`
  }

  /**
   * How a search reads its page: among its candidates when the team and mode hold at most
   * `searchCandidates` matching sessions (the page then sorts at most that many rows), else by walking
   * the list's own index and testing each row until the page is full: quick when the matches are
   * spread over the team's history (a term a tenth of the sessions share: a page in about 200 rows),
   * slow only when more than that many matches all lie far back in the sort order.
   * `none` when the search matches nothing at all; `complete` when every match was counted.
   */
  private async searchPlan (f: ListFilters, searchCandidates = this.limits.searchCandidates, rareRead = false): Promise<SearchPlan> {
    if (f.q === undefined) return { among: false, none: false, complete: true }
    const term = searchTerm(f.q)
    if (term === null) return { among: false, none: true, complete: true }
    // rareRead: the caller read rareCandidates already (the term is not rare).
    const rare = rareRead ? null : await this.rareCandidates(f, term)
    if (rare !== null) return rarePlan(term, rare)
    const { rows } = await this.candidates(f, term, searchCandidates + 1).execute(this.db)
    const ids = rows.map((r) => Number(r.id))
    const complete = ids.length <= searchCandidates
    return { term, ids, among: complete, none: ids.length === 0, complete }
  }

  /**
   * Every match of a rare term (SQLite), or null when the term is not rare. FTS5 reads a phrase by
   * reading the posting list of each of its trigrams, so a rare term made of common trigrams (an
   * applicant id: every one holds "ap-" and "000"; a last name after a common stem) read lists as
   * long as the table: 22 ms at a million sessions for "ap-00000777", one match. When the rarest of
   * the term's trigrams is in at most RARE_TERM_DOCUMENTS documents, the candidates are read through
   * its rare trigrams alone (rareRuns: the lists of the common ones are never read) and
   * each is checked against the whole term (LIKE over its document) with the team and mode: every
   * match, at most as many as that trigram's documents, so the page and the total are exact.
   */
  private async rareCandidates (f: ListFilters, term: SearchTerm, chosen?: RareTrigrams | null, wordsRead = false): Promise<number[] | null> {
    const limit = this.limits.rareTermDocuments ?? RARE_TERM_DOCUMENTS
    if (limit <= 0) return null
    const words = wordsRead ? null : await this.wordCandidates(f, term, limit)
    if (words !== null) return words
    if (this.sampledTrigrams !== null) return await this.rareCandidatesPg(f, term, limit, this.sampledTrigrams, chosen)
    if (this.trigramCounts === null) return null
    const trigrams = phraseTrigrams(term)
    if (trigrams.length < 2) return null // a lone trigram is already the cheapest read
    const counts = await this.trigramCounts.of(trigrams)
    // A count is a hint read a while ago: a trigram counted in no document is read all the same (cheaply).
    if (Math.min(...trigrams.map((t) => counts.get(t) ?? 0)) > limit) return null
    // At most limit + 1 candidates are read: more, and the counts were stale (the table grew since):
    // they are read again at the next search, and this one is not rare.
    const read = await this.checkedMatches(f, term, sql`sessions_search where sessions_search match ${await this.rareRuns(term, counts)}`, limit)
    if (read === null) this.trigramCounts.forget(trigrams)
    return read
  }

  /**
   * SQLite: the team's and mode's sessions among at most limit + 1 rows of a search index (`from`: the
   * index and its MATCH), each checked against the whole term; null when the index gave more than
   * `limit` (the estimate that chose it was stale).
   */
  private async checkedMatches (f: ListFilters, term: SearchTerm, from: RawBuilder<unknown>, limit: number): Promise<number[] | null> {
    const { rows: [read] } = await sql<{ n: number, ids: string }>`select count(*) as n,
        json_group_array(s.id) filter (where s.team_id = ${f.teamId} and s.livemode = ${f.livemode ? 1 : 0} and ${this.matches(term, 's')}) as ids
      from (select rowid from ${from} limit ${limit + 1}) m join sessions s on s.id = m.rowid`.execute(this.db)
    return Number(read.n) > limit ? null : (JSON.parse(read.ids) as number[]).map(Number)
  }

  /**
   * PostgreSQL: the team's and mode's sessions among at most limit + 1 rows the index conditions
   * `indexed` return (the team and mode written so that no other index serves them), each checked
   * against the whole term by a LIKE the index cannot serve; null when they returned more than `limit`.
   */
  private async checkedMatchesPg (f: ListFilters, term: SearchTerm, indexed: Array<RawBuilder<boolean>>, limit: number): Promise<number[] | null> {
    const { rows: [read] } = await sql<{ n: number, ids: number[] }>`select count(*)::int as n, coalesce(array_agg(c.id) filter (where c.hit), '{}') as ids from (
        select id, (${searchDocument()} || '') like lower(${term.pattern}) escape '\\' as hit from sessions
        where +team_id = ${f.teamId} and +livemode = ${f.livemode ? 1 : 0} and ${sql.join(indexed, sql` and `)} limit ${limit + 1}) c`.execute(this.db)
    return Number(read.n) > limit ? null : read.ids.map(Number)
  }

  /**
   * Every match of a term through the rarest of its words (termWords: "00000777" of "ap-00000777"),
   * read from the word index (migration 0029) and checked against the whole term with the team and
   * mode, as rareCandidates; null when the term has no such word, or its rarest is estimated in more
   * than `most` documents or the rare read's limit (wordDocuments). A word's lookup does not grow with
   * the table as a trigram's list does: at a million sessions "ap-00000777" reads one document where
   * its rare trigrams read 1,432 (SQLite: 0.14 ms against 2.3).
   */
  private async wordCandidates (f: ListFilters, term: SearchTerm, most: number, known?: RarestWord | null): Promise<number[] | null> {
    const limit = this.limits.rareTermDocuments ?? RARE_TERM_DOCUMENTS
    const rarest = limit <= 0 ? null : known !== undefined ? known : await this.rarestWord(term)
    if (rarest === null || rarest.documents > Math.min(most, limit)) return null
    const sampled = this.sampledTrigrams
    if (sampled !== null) {
      // Read first (most: WORDS_FIRST), a word is one the sample finds in few documents or none, not
      // counted (wordDocuments); its read stops at four times that many: more, and it is counted now
      // (for the next searches: the sample's few documents misled it), and the other plans answer.
      const reading = Math.min(limit, 4 * most)
      const read = await this.checkedMatchesPg(f, term, [sql<boolean>`${searchWordHours('sessions')} @@ cast(${wordQuery(rarest.word)} as tsquery)`], reading)
      if (read === null) void sampled.wordDocuments(wordMatch(rarest.word), async () => await this.countWordPg(rarest.word)).catch(() => undefined)
      return read
    }
    const match = wordMatch(rarest.word)
    const read = await this.checkedMatches(f, term, sql`sessions_words where sessions_words match ${match}`, limit)
    if (read === null) this.trigramCounts?.forget([...wordTrigrams(rarest.word.word), wordKey(match)])
    return read
  }

  /** The word of a term (termWords) the fewest documents hold, about (wordDocuments); null when it has none, or no estimate could be read. */
  private async rarestWord (term: SearchTerm): Promise<RarestWord | null> {
    let rarest: RarestWord | null = null
    try {
      for (const word of termWords(term.text)) {
        const documents = await this.wordDocuments(word)
        if (rarest === null || documents < rarest.documents || (documents === rarest.documents && word.whole && !rarest.word.whole)) rarest = { word, documents }
      }
    } catch {
      // Only a hint: without one the search reads as it would without words.
      return null
    }
    return rarest
  }

  /**
   * About how many documents hold a word of a term as the word index reads it. PostgreSQL: its count
   * when this sample has one; else the sample's documents holding its trigrams, unless that puts it
   * above WORDS_FIRST and at most PG_WORD_COUNTS: then its own count (up to PG_WORD_COUNTED, kept
   * with the sample; wordCandidates counts one whose read it found larger than the sample said). SQLite: its trigrams' counts bound it; at most
   * WORD_COUNTS, the word's own count is read (kept as the counts are): an applicant id's rarest
   * trigram is in 4,000 documents of a million, its word in one.
   */
  private async wordDocuments (word: TermWord): Promise<number> {
    const trigrams = wordTrigrams(word.word)
    const sampled = this.sampledTrigrams
    if (sampled !== null) {
      const key = wordMatch(word)
      const counted = await sampled.countedWord(key)
      if (counted !== undefined) return counted
      const estimate = await sampled.holding(trigrams)
      // A word the sample finds in few documents or none (an applicant id's) is read through at once
      // (wordCandidates), one query, not counted first; in many, the estimate stands.
      if (estimate <= (this.limits.wordsFirst ?? WORDS_FIRST) || estimate > PG_WORD_COUNTS) return estimate
      return await sampled.wordDocuments(key, async () => await this.countWordPg(word))
    }
    if (this.trigramCounts === null) return Infinity
    const bound = Math.min(...(await this.trigramCounts.of(trigrams)).values())
    return bound > WORD_COUNTS ? bound : await this.trigramCounts.word(wordMatch(word), WORD_COUNTS + 1)
  }

  /** PostgreSQL: the documents holding a word as the word index reads it, up to PG_WORD_COUNTED (past it, at least that many). */
  private async countWordPg (word: TermWord): Promise<number> {
    const { rows: [counted] } = await sql<{ n: number }>`select count(*)::int as n from (select 1 from sessions
      where ${searchWordHours('sessions')} @@ cast(${wordQuery(word)} as tsquery) limit ${PG_WORD_COUNTED + 1}) c`.execute(this.db)
    return counted.n
  }

  /**
   * PostgreSQL's rareCandidates: every match of a term whose rare trigrams few documents hold together
   * (by the sample's estimate: rareTrigramsPg, or `chosen` when the caller chose them), read through
   * the GIN index with those trigrams alone (rareTrigramMatch), each row then checked against the
   * whole term by a LIKE the index cannot serve. Null when they are not rare.
   */
  private async rareCandidatesPg (f: ListFilters, term: SearchTerm, limit: number, sampled: SampledTrigrams, chosen?: RareTrigrams | null): Promise<number[] | null> {
    const rare = chosen !== undefined ? chosen : await this.rareTrigramsPg(term, limit, sampled)
    if (rare === null) return null
    // At most limit + 1 candidates are read: more, and the sample was stale (the table grew since): it
    // is taken again at the next search, and this one is not rare.
    const read = await this.checkedMatchesPg(f, term, rareTrigramMatch(term, rare.trigrams), limit)
    if (read === null) sampled.forget()
    return read
  }

  /**
   * PostgreSQL: the trigrams a term's matches are read through when, by the sample's estimate, few
   * documents hold them together (at most `limit`), or null (not rare, or no sample). Each document
   * the index returns costs its fetch and recheck (about 4 us), each document of a trigram's posting
   * list a little of the index's AND (about 10 ns): from the rarest letter-or-digit trigram on, one
   * held by at most a fifth of the documents is added when the sampled documents holding them all get
   * fewer, or, once they are too few for the sample to tell (one sampled document), when it lengthens
   * a run of the term the trigrams kept already make (an applicant id's "00000777" returns one
   * document in 2 ms where "0777" returned 1,300 in 7).
   */
  private async rareTrigramsPg (term: SearchTerm, limit: number, sampled: SampledTrigrams): Promise<RareTrigrams | null> {
    const { at } = termWindows(term)
    const windows = [...new Set(at.filter((t) => /^[a-z0-9]{3}$/.test(t)))]
    if (windows.length === 0 || limit <= 0) return null
    try {
      const counts = await sampled.of(windows)
      const by = (t: string) => counts.get(t) ?? 0
      // The twelve rarest at most (a long term's choice stays a few microseconds).
      const rare = [...windows].sort((a, b) => by(a) - by(b)).slice(0, 12)
      const used = new Set([rare[0]])
      let holding = await sampled.holding([...used])
      const resolution = await sampled.resolution()
      const adjacent = (t: string) => at.some((w, i) => w === t && (used.has(at[i - 1]) || used.has(at[i + 1])))
      for (let added = true; added;) {
        added = false
        for (const t of rare) {
          if (used.has(t) || by(t) > resolution.total / 5) continue
          const next = await sampled.holding([...used, t])
          if (next < holding || (holding <= resolution.doc && adjacent(t))) {
            used.add(t)
            holding = next
            added = true
          }
        }
      }
      // Rare: the documents holding those trigrams together (each read and checked) are few.
      return holding > limit ? null : { trigrams: [...used], documents: holding }
    } catch {
      // Only a hint: without a sample the search reads as it would for a common term.
      return null
    }
  }

  /**
   * A rare term's page sorted by creation on PostgreSQL, read from the team's last (or, ascending,
   * first) hours of sessions only: the search index keys each session by its creation hour besides
   * its trigrams (migration 0027), so its matches in those hours are read through the rare
   * trigrams and the hours together, each fetched and checked against the whole term, never the
   * matches of the rest of the table (rareCandidatesPg reads and checks them all: 10 ms for a last
   * name 0.2% of a million sessions share, about 40 matches in the hours holding a page). How many
   * hours: the sample's estimate (SampledTrigrams.creationBound) of where twice a page of matches
   * ends; when the hours read hold less than a page, more are read (by what they lacked, four times
   * as many at least), up to the team's whole history; none at all, and every match is read
   * (rareCandidatesPg). Every match in the hours read is read, so the page is exact in the list's order
   * (created_at, id) after its cursor; the total is exact when the whole history was read on a
   * first page, else the matches read (a lower bound), and so are the counts per status (counts=true:
   * the statuses of the matches read, whatever the status filter). Null (the other plans, exact) for
   * a list of at most searchCandidates sessions; when the hours read would put more sessions in the
   * index's bitmap than reading every match costs (about 14 ns each against 4 us a match: a team
   * whose page lies far back among other teams' sessions); for a cursor page that would read every
   * hour; when the hours read hold more than the rare read's limit of matches (the sample was stale:
   * taken again); and when the sample fails (only a hint). `rarest`, the term's rarest word and its
   * documents (list reads it once), when it has one: its lexemes of each hour are read (wordInHours),
   * not the trigrams, and its documents place the hours.
   */
  private async searchInHours (q: ListQuery, term: SearchTerm, rare: RareTrigrams, rarest: RarestWord | null, sampled: SampledTrigrams, limit: number): Promise<ListPage | null> {
    const used = rare.trigrams
    const word = rarest?.word ?? null
    const desc = q.sortOrder === 'desc'
    const after = q.after
    const n = q.limit + 1
    const cursorAt = after === undefined ? undefined : Date.parse(after.createdAt)
    // A word's documents (counted when rare: wordDocuments), at the share of them the sample finds
    // holding the term's trigrams as well (one each added: none sampled is not none).
    const documents = rarest === null ? undefined : await sampled.share(used, wordTrigrams(rarest.word.word)).then((share) => rarest.documents * share, () => undefined)
    const bounds = new Map<number, number | null>()
    const boundOf = async (matches: number) => {
      if (!bounds.has(matches)) bounds.set(matches, await sampled.creationBound(used, q, matches, desc, cursorAt, documents).catch(() => null))
      return bounds.get(matches) ?? null
    }
    // A page the sample puts past the team's history: so few matches that reading them all costs no more (rareCandidatesPg).
    if (await boundOf(2 * n) === null) return null
    const statuses = q.statuses !== undefined && q.statuses.length > 0 ? new Set(q.statuses) : null
    const narrowed = q.reviewerId !== null || statuses !== null
    // A list of at most searchCandidates sessions reads every match (exact total): counted unless the
    // sample puts the team far above that (one query less per search).
    const listed = narrowed || await sampled.teamRows(q).catch(() => 0) <= 4 * this.limits.searchCandidates ? await this.countedTotal({ ...q, q: undefined }) : Infinity
    if (listed <= this.limits.searchCandidates) return null
    // The sample knows teams, not reviewers nor statuses: a page of a narrower list lies further back.
    const share = narrowed ? listed / Math.max(await this.countedTotal({ ...q, q: undefined, reviewerId: null, statuses: undefined }), 1) : 1
    // A GIN index serves the hours and the term (its rarest word's lexemes of each hour read, else its
    // rare trigrams and the hours' range); the rest is checked on each row read (+ 0, || '': no b-tree
    // of the list may drive, nor walk the team in order).
    const scope = [sql`s.team_id + 0 = ${q.teamId}`, sql`s.livemode + 0 = ${q.livemode ? 1 : 0}`]
    if (q.reviewerId !== null) scope.push(sql`(s.reviewer_id || '') = ${q.reviewerId}`)
    if (after !== undefined) scope.push(afterInCreationOrder(after, desc))
    scope.push(sql`(${searchDocument('s')} || '') like lower(${term.pattern}) escape '\\'`)
    // Where twice a page of matches ends. Through a word, its documents are counted and the team's
    // hours read from ten times as many sampled rows as the trigrams' (wordDocuments, take): at a
    // million sessions a 0.2% last name's read holds 33 to 65 matches over 40 samples, and none
    // read again (it took four pages, and 33 to 328, when the sample's few documents placed them).
    let matches = 2 * n / Math.max(share, 1e-6)
    for (let first = true; ; first = false) {
      const bound = await boundOf(matches)
      // Every hour: the first page of a term the sample put too far back, or a cursor page (the rare read's pages are exact).
      if (bound === null && (first || after !== undefined)) return null
      // A word's hours are read one lexeme each; the trigrams' hours put every session of them in the bitmap.
      const byWord = word !== null && bound !== null
      if (bound !== null && !byWord && await sampled.rowsFrom(bound, desc).catch(() => Infinity) * 0.014 > rare.documents * 4) return null
      // The hours from the bound's on, in the list's direction (none: every hour).
      const read = byWord
        ? [wordInHours(word, bound, desc, q, cursorAt)]
        : [...rareTrigramMatch(term, used, 's'), ...(bound === null ? [] : [sql<boolean>`${CREATION_HOUR} ${sql.raw(desc ? '>=' : '<=')} ${new Date(bound).toISOString().slice(0, 13) + ':00:00'}::timestamp`])]
      // One query: the page (its rows in the list's order, after the status filter) with, on each row,
      // how many matches the hours hold in all and per status (window counts, over every match read:
      // each was fetched for its check already). Two round trips before: the matches' ids, then the page.
      const perStatus = SESSION_STATUSES.map((st) => sql`count(*) filter (where s.status = ${st}) over () as ${sql.id(`hours_${st.toLowerCase()}`)}`)
      // Prepared when read through a word: its plan cannot depend on the term (the word's hours are computed by the statement).
      const { rows: page } = await sql<SessionRow & HoursCounts>`${sql.raw(byWord ? PREPARE_SEARCH : '')}select * from (
          select s.*, count(*) over () as hours_matches, ${sql.join(perStatus)} from (
            select s.* from sessions s where ${sql.join([...read, ...scope], sql` and `)} limit ${limit + 1}) s
        ) s ${statuses === null ? sql`` : sql`where s.status in (${sql.join([...statuses])})`}
        order by s.created_at ${sql.raw(desc ? 'desc' : 'asc')}, s.id ${sql.raw(desc ? 'desc' : 'asc')} limit ${n}`.execute(this.db)
      if (page.length === 0) {
        // No match of the status filter in the hours read (the counts came with none), or a word's read
        // naming more than WORD_HOURS hours (none read): every match is read at once (rareCandidatesPg),
        // as when the hours hold none at all.
        return null
      }
      const counts = hoursCounts(page[0])
      if (counts.all > limit) {
        sampled.forget()
        return null
      }
      const filtered = statuses === null ? counts.all : counts.byStatus.filter((c) => statuses.has(c.status)).reduce((sum, c) => sum + c.n, 0)
      if (filtered < n && bound !== null) {
        // Further back by what the hours read held against what they should have: four times at least.
        matches *= Math.max(4, 2 * n / filtered)
        continue
      }
      const complete = bound === null && after === undefined
      return {
        rows: page.slice(0, q.limit).map(withoutHoursCounts),
        total: filtered,
        totalExact: complete,
        hasMore: filtered > q.limit,
        byStatus: capped(counts.byStatus, complete, Math.min(this.limits.countCap, SEARCH_COUNTS))
      }
    }
  }

  /** A list query after the keyset cursor (`q.after`), in the list's order. */
  private ordered<Q extends SelectQueryBuilder<Database, 'sessions', any>> (query: Q, q: ListQuery): Q {
    const keys = sortKeys(q.sortBy)
    const after = q.after
    let page = query
    if (after) {
      // Keyset: the rows after this one in the order of the sort keys (lexicographically).
      const cmp = q.sortOrder === 'desc' ? '<' : '>'
      if (q.sortBy === 'dueAt') {
        // Sessions without a due date come after every dated one (asc), before them (desc).
        const key = after.dueAt
        const id = after.id
        const asc = q.sortOrder === 'asc'
        page = page.where((eb) => key === null
          ? eb.or([eb.and([eb('dueAt', 'is', null), eb('id', cmp, id)]), ...(asc ? [] : [eb('dueAt', 'is not', null)])])
          : eb.or([eb('dueAt', cmp, key), eb.and([eb('dueAt', '=', key), eb('id', cmp, id)]), ...(asc ? [eb('dueAt', 'is', null)] : [])])) as Q
      } else {
        page = page.where((eb) => eb.or(keys.map((k, i) => eb.and([...keys.slice(0, i).map((e) => eb(e, '=', after[e])), eb(k, cmp, after[k])])))) as Q
      }
    }
    if (q.sortBy === 'dueAt') {
      return page.orderBy(sql`${sql.ref('due_at')} is null`, q.sortOrder).orderBy('dueAt', q.sortOrder).orderBy('id', q.sortOrder) as Q
    }
    for (const k of keys) page = page.orderBy(k, q.sortOrder) as Q
    return page
  }

  /**
   * A search whose term many sessions share, answered from the first rows of the list's own order:
   * the next `SEARCH_WINDOW` x (limit + 1) rows of the list without its search (read through the
   * list's index, as the plain list is) are tested against the term, and when they hold a full page
   * that page is the answer, with `totalExact` false and the total a lower bound (the matches among
   * those rows). Its cost does not depend on the team's size nor on how many sessions share the term:
   * it answers for any term at least 1 / SEARCH_WINDOW of the list holds, where reading candidates
   * from the search index cost in proportion to the term's posting lists. Tried (`windowed`) only for a
   * term with more than 2 x (limit + 1) candidates (fewer are read and sorted at once, exact), on a
   * page without an offset, a list without applicant or date filters, of more than `searchCandidates`
   * sessions (a smaller list's total stays exact). Null (the usual plan) when the rows tested do not
   * fill a page.
   */
  private windowed (q: ListQuery): boolean {
    // Not for the due-date order (its nulls sort apart; the window re-sorts by plain keys).
    return q.q !== undefined && q.offset === 0 && q.sortBy !== 'dueAt' && (this.limits.searchWindow ?? SEARCH_WINDOW) > 0 && countable({ ...q, q: undefined })
  }

  private async searchWindow (q: ListQuery): Promise<ListPage | null> {
    const factor = this.limits.searchWindow ?? SEARCH_WINDOW
    const term = q.q === undefined ? null : searchTerm(q.q)
    const unsearched: ListFilters = { ...q, q: undefined }
    if (term === null || !this.windowed(q)) return null
    if (await this.countedTotal(unsearched) <= this.limits.searchCandidates) return null
    const window = this.ordered(this.filtered(unsearched).selectAll(), q).limit(factor * (q.limit + 1))
    let page = this.db.selectFrom(window.as('w')).selectAll('w').select(sql<number>`count(*) over ()`.as('matched'))
      .where(this.matches(term, 'w'))
    for (const k of sortKeys(q.sortBy)) page = page.orderBy(`w.${k}`, q.sortOrder)
    const rows = await page.limit(q.limit + 1).execute()
    if (rows.length <= q.limit) return null
    const matched = Number(rows[0].matched)
    const shown = rows.slice(0, q.limit).map(({ matched: _, ...row }) => row as SessionRow)
    return { rows: shown, total: Math.max(matched, q.limit + 1), totalExact: false, hasMore: true }
  }

  /** The statuses of a search's matches among the first rows of the list without its status filter (searchWindow's rows): lower bounds. */
  private async statusCountsInWindow (q: ListQuery): Promise<StatusCounts> {
    const term = q.q === undefined ? null : searchTerm(q.q)
    if (term === null) return { counts: [], exact: true }
    const unsearched: ListQuery = { ...q, q: undefined, statuses: undefined, after: undefined }
    const window = this.ordered(this.filtered(unsearched).selectAll(), unsearched).limit((this.limits.searchWindow ?? SEARCH_WINDOW) * (q.limit + 1))
    const rows = await this.db.selectFrom(window.as('w')).select(['w.status', sql<number>`count(*)`.as('n')]).where(this.matches(term, 'w')).groupBy('w.status').execute()
    return { counts: rows.map((r) => ({ status: r.status, n: Number(r.n) })), exact: false }
  }

  /**
   * SQLite: how far creation times stray from the ids' order (migration 0026), or null when a search
   * cannot read in id order (more than MAX_ID_ORDER_LAG_MS, or never bounded).
   */
  private async creationLag (): Promise<number | null> {
    // A row with an id above max_id was inserted without the trigger (a migration rebuilding sessions drops it): no bound.
    const { rows: [row] } = await sql<{ lagMs: number, tracked: number }>`select lag_ms,
      max_id >= coalesce((select max(id) from sessions), 0) as tracked from session_order where id = 1`.execute(this.db)
    const lagMs = row === undefined ? UNBOUNDED_LAG_MS : Number(row.lagMs)
    const tracked = row !== undefined && Number(row.tracked) === 1
    const idOrder = tracked && lagMs <= MAX_ID_ORDER_LAG_MS
    this.lastCreationOrder = { lagMs: lagMs >= UNBOUNDED_LAG_MS ? null : lagMs, tracked, idOrder }
    return idOrder ? lagMs : null
  }

  /**
   * The creation-order bound as the last search that could read in id order found it (SQLite), read
   * without a query; null before one asked (and on PostgreSQL). The service says when it turns off.
   */
  creationOrderSeen (): CreationOrder | null {
    return this.lastCreationOrder
  }

  /** The creation-order bound as a search would read it now (SQLite; `partner-api doctor`); null on PostgreSQL. */
  async creationOrder (): Promise<CreationOrder | null> {
    if (this.pg) return null
    await this.creationLag()
    return this.lastCreationOrder
  }

  /**
   * SQLite: the bound of creation times against ids that the search reads by (session_order, migration
   * 0026), first recomputed from the stored sessions when asked (after an edited created_at or a clock
   * stepped back made it unbounded, and the rows were put right); null on PostgreSQL.
   */
  async searchOrder (recompute = false): Promise<{ lagMs: number, maxId: number, idOrder: boolean } | null> {
    if (this.pg) return null
    if (recompute) await sql`insert or replace into session_order (id, max_id, max_created_at, lag_ms) ${sessionOrderOfStored()}`.execute(this.db)
    const { rows: [row] } = await sql<{ lagMs: number, maxId: number }>`select lag_ms, max_id from session_order where id = 1`.execute(this.db)
    return { lagMs: Math.round(Number(row.lagMs)), maxId: Number(row.maxId), idOrder: (await this.creationOrder())?.idOrder === true }
  }

  /**
   * Whether a search may read its page in creation order (SQLite: searchInIdOrder; PostgreSQL, a rare
   * term: searchInHours): sorted by creation, a first or cursor page (no offset), no applicant, date,
   * overdue or tag filter.
   */
  private creationOrdered (q: ListQuery): boolean {
    return this.limits.idOrderSearch !== false && q.q !== undefined && q.sortBy === 'createdAt' && q.offset === 0 &&
      countable({ ...q, q: undefined })
  }

  /** SQLite's creationOrdered: the page read in id order (searchInIdOrder). */
  private idOrdered (q: ListQuery): boolean {
    return !this.pg && this.creationOrdered(q)
  }

  /** PostgreSQL's creationOrdered: a rare term's page read from the team's last or first hours (searchInHours), or null. */
  private async rareInHours (q: ListQuery, term: SearchTerm, rare: RareTrigrams, word: RarestWord | null): Promise<ListPage | null> {
    const limit = this.limits.rareTermDocuments ?? RARE_TERM_DOCUMENTS
    if (this.sampledTrigrams === null || !this.creationOrdered(q)) return null
    return await this.searchInHours(q, term, rare, word, this.sampledTrigrams, limit)
  }

  /**
   * A search sorted by creation, read from the search index in id order (SQLite): FTS5 reads its
   * rowids (the sessions' ids) in order and the page stops the read, so a term costs what reading
   * (limit + 1) / share of its posting lists costs, whatever the team's size. Ids follow creation
   * but not exactly (a creation's time is taken before its insert), so the rows of the team within
   * `lag` (session_order.lag_ms) of the page's edges, which could fall on the page in the list's
   * order while lying outside the ids read, are read too (through the list's created_at index) and
   * tested against the term: the page is exact in the list's order (created_at, id) and after its
   * cursor. The total is exact when every match was read (a first page holding them all), else a
   * lower bound. Null (the other plans) for a list of at most searchCandidates sessions, or when
   * creation times stray too far (creationLag).
   */
  private async searchInIdOrder (q: ListQuery, term: SearchTerm): Promise<ListPage | null> {
    // A list of at most searchCandidates sessions reads every match (exact total) at little cost.
    if (await this.countedTotal({ ...q, q: undefined }) <= this.limits.searchCandidates) return null
    const lag = await this.creationLag()
    if (lag === null) return null
    const desc = q.sortOrder === 'desc'
    const n = q.limit + 1
    const cmp = sql.raw(desc ? '<' : '>')
    const after = q.after
    const scope = idOrderScope(q, true)
    if (after !== undefined) scope.push(afterInCreationOrder(after, desc))
    // The index drives (CROSS JOIN keeps it first): its rowids in the list's direction, after the cursor's id.
    const { from, where } = await this.idOrderMatch(term)
    const read = await sql<SessionRow>`select s.* from ${from} cross join sessions s on s.id = m.rowid
      where ${where} ${after === undefined ? sql`` : sql`and m.rowid ${cmp} ${after.id}`}
      and ${sql.join(scope, sql` and `)} order by m.rowid ${sql.raw(desc ? 'desc' : 'asc')} limit ${n}`.execute(this.db)
    const rows = read.rows
    const exhausted = rows.length < n
    // The rows that may stray onto the page from outside the ids read (none when lag is 0):
    const edges: Array<{ from: string, to: string, ids: ReturnType<typeof sql> }> = []
    if (lag > 0) {
      // created_at is as toISOString writes it (else lag is unbounded, migration 0026); lag_ms came
      // from julianday's floating point, so the bounds are widened to the next whole millisecond and one.
      const widen = Math.ceil(lag) + 1
      const shift = (iso: string, sign: number) => new Date(Date.parse(iso) + sign * widen).toISOString()
      if (!exhausted) {
        // beyond the last id read: created within lag of that row, on the page's side of its last row
        const edge = rows[rows.length - 1]
        const last = rows.reduce((m, r) => (desc ? r.createdAt < m : r.createdAt > m) ? r.createdAt : m, rows[0].createdAt)
        edges.push(desc
          ? { from: last, to: shift(edge.createdAt, 1), ids: sql`s.id < ${edge.id}` }
          : { from: shift(edge.createdAt, -1), to: last, ids: sql`s.id > ${edge.id}` })
      }
      if (after !== undefined) {
        // before the cursor's id: created within lag of the cursor, after it in the list's order
        edges.push(desc
          ? { from: shift(after.createdAt, -1), to: after.createdAt, ids: sql`s.id > ${after.id}` }
          : { from: after.createdAt, to: shift(after.createdAt, 1), ids: sql`s.id < ${after.id}` })
      }
    }
    const seen = new Set(rows.map((r) => r.id))
    for (const edge of edges) {
      const { rows: strays } = await sql<SessionRow>`select s.* from sessions s
        where ${sql.join(scope, sql` and `)} and s.created_at >= ${edge.from} and s.created_at <= ${edge.to} and ${edge.ids}
        and ${this.matches(term, 's')}`.execute(this.db)
      for (const r of strays) if (!seen.has(r.id)) { seen.add(r.id); rows.push(r) }
    }
    rows.sort(inCreationOrder(desc))
    const hasMore = rows.length > q.limit
    const shown = rows.slice(0, q.limit)
    // Every match read: a first page knows the total; a later one only what it shows.
    if (exhausted && after === undefined) return { rows: shown, total: rows.length, totalExact: true, hasMore }
    return { rows: shown, total: shown.length + (hasMore ? 1 : 0), totalExact: false, hasMore }
  }

  /**
   * The FTS5 table (`m`) and WHERE of an id-order read (sessions `s`). A word of the term (termWords)
   * that no more documents hold than its rarest trigram: the word index, whose documents nearly all
   * hold the term ("ga12" of "kowalski-ga12": 2,222 documents of a million, every one a match, where
   * its rarest trigram "ga1" has 11,112, a fifth of them matches). Else the term's rarest trigram alone,
   * each row then tested against the whole term. FTS5 reads a phrase through every trigram's posting
   * list: about 4 ms for a last name of 11 trigrams at a million sessions, where its rarest alone
   * reads in 0.7 (a rare term, whose rarest trigram could send many rows to that test, reads its
   * matches before: rareCandidates).
   */
  private async idOrderMatch (term: SearchTerm, many = false): Promise<{ from: RawBuilder<unknown>, where: RawBuilder<unknown> }> {
    const trigrams = phraseTrigrams(term)
    const search = (where: RawBuilder<unknown>) => ({ from: sql`sessions_search m`, where })
    if (this.trigramCounts === null || trigrams.length < 2) return search(sql`sessions_search match ${term.phrase}`)
    const counts = await this.trigramCounts.of(trigrams)
    const rarest = trigrams.reduce((a, b) => (counts.get(b) ?? 0) < (counts.get(a) ?? 0) ? b : a)
    const word = await this.rarestWord(term)
    if (word !== null && word.documents <= (counts.get(rarest) ?? 0)) {
      return { from: sql`sessions_words m`, where: sql`sessions_words match ${wordMatch(word.word)} and ${this.matches(term, 's')}` }
    }
    // Many matches wanted (counts=true: SEARCH_COUNTS): the runs of rare trigrams send fewer rows to
    // the test (0.5 ms for 251 matches of a 0.2% last name, 0.9 through its rarest trigram); a page's
    // few, its rarest alone (0.37 ms for 26, 0.44 through the run).
    if (many) return search(sql`sessions_search match ${await this.rareRuns(term, counts)} and ${this.matches(term, 's')}`)
    return search(sql`sessions_search match ${`"${rarest.replaceAll('"', '""')}"`} and ${this.matches(term, 's')}`)
  }

  /**
   * SQLite: the FTS5 query a rare term's every match (rareCandidates) or many of its matches
   * (idOrderMatch) are read through, each then tested against the whole term: its rarest trigram
   * alone when a fiftieth of the documents or more hold it (most rows it reads then match: a first
   * name), else with the next rarest when at most four times as common, a phrase when they are next
   * to one another in the term ("ga12" of "kowalski-ga12", "0777" of "ap-00000777"), else ANDed. A
   * phrase of the whole term reads every trigram's posting list (4 ms for a last name of 11 trigrams
   * at a million sessions, the common stem's among them), and each further rare trigram one more
   * ("i-ga12": 1.6 ms for 251 matches, "ga12" 0.5); a rare trigram alone sends every document
   * holding it to the test (a fifth of "ga1"'s hold the term: 0.9 ms), the test costing about 0.6 us
   * a row: "0777" reads an applicant id's 1,432 candidates in 0.95 ms where the AND of its three
   * rarest trigrams read 1,160 in 1.2.
   */
  private async rareRuns (term: SearchTerm, counts: Map<string, number>): Promise<string> {
    const { at } = termWindows(term)
    const by = (t: string) => counts.get(t) ?? 0
    const rarest = at.reduce((a, b) => by(b) < by(a) ? b : a)
    const dense = by(rarest) === 0 || by(rarest) * 50 >= await (this.trigramCounts?.documents() ?? 0)
    const second = [...new Set(at)].filter((t) => t !== rarest).sort((a, b) => by(a) - by(b))[0]
    const used = dense || second === undefined || by(second) > 4 * by(rarest) ? [rarest] : [rarest, second]
    return trigramRuns(term, used).map((run) => `"${run.replaceAll('"', '""')}"`).join(' AND ')
  }

  /**
   * The counts per status of a search read in id order (the list without its status filter): its first
   * `cap` matches in id order, exact when they are all of them, else lower bounds.
   */
  private async statusCountsInIdOrder (f: ListFilters, term: SearchTerm, cap: number): Promise<StatusCounts> {
    const scope = idOrderScope(f, false)
    const { from, where } = await this.idOrderMatch(term, true)
    const { rows } = await sql<{ status: SessionStatus, n: number }>`select status, count(*) as n from (
        select s.status as status from ${from} cross join sessions s on s.id = m.rowid
        where ${where} and ${sql.join(scope, sql` and `)} order by m.rowid desc limit ${cap + 1}
      ) group by status`.execute(this.db)
    const counts = rows.map((r) => ({ status: r.status, n: Number(r.n) }))
    return capped(counts, counts.reduce((sum, c) => sum + c.n, 0) <= cap, cap)
  }

  /** One page (limit + 1 rows are read, so the caller knows whether more follow) and the total of the filtered list. */
  async list (q: ListQuery, options: { counts?: boolean } = {}): Promise<ListPage> {
    let plan: SearchPlan | null = null
    const term = q.q === undefined ? null : searchTerm(q.q)
    // A rare term reads every match (exact) before a page is read in id order (SQLite) or from the
    // list's first rows (PostgreSQL, whose search index answers in bitmaps: even a few candidates cost
    // every posting list of the term). Read once: the plans below do not read it again.
    const rareRead = term !== null && (this.idOrdered(q) || (this.pg && this.windowed(q)))
    // A word of the term few documents hold reads every match at once (WORDS_FIRST): quicker than any other plan.
    // The term's rarest word, read once: for that read and for the last hours (PostgreSQL).
    const rarest = rareRead && (this.limits.rareTermDocuments ?? RARE_TERM_DOCUMENTS) > 0 ? await this.rarestWord(term) : null
    const wordsFirst = this.limits.wordsFirst ?? WORDS_FIRST
    const words = rareRead && wordsFirst > 0 ? await this.wordCandidates(q, term, wordsFirst, rarest) : null
    // PostgreSQL: the term's rare trigrams chosen once (by the sample), for its last hours and for its every match.
    const chosen = words === null && rareRead && this.sampledTrigrams !== null ? await this.rareTrigramsPg(term as SearchTerm, this.limits.rareTermDocuments ?? RARE_TERM_DOCUMENTS, this.sampledTrigrams) : undefined
    // Its last hours through its rarest word when the word is rare and its trigrams, by the sample, are not (the word counted: wordDocuments).
    const rareWord = chosen === null && rarest !== null && rarest.documents <= (this.limits.rareTermDocuments ?? RARE_TERM_DOCUMENTS) ? { trigrams: wordTrigrams(rarest.word.word), documents: rarest.documents } : null
    const inHours = chosen !== undefined && (chosen ?? rareWord) !== null ? await this.rareInHours(q, term as SearchTerm, chosen ?? rareWord as RareTrigrams, rarest) : null
    if (inHours !== null) {
      const { byStatus, ...page } = inHours
      return options.counts === true && byStatus !== undefined ? withStatusCounts(page, q, byStatus) : page
    }
    // Every match, exact: through the rare word when it was the one read (its trigrams, by the sample, are not rare), else the rare trigrams.
    const rare = words ?? (rareWord !== null ? await this.wordCandidates(q, term as SearchTerm, rareWord.documents, rarest) : null) ?? (rareRead ? await this.rareCandidates(q, term, chosen, true) : null)
    if (rare !== null) plan = rarePlan(term as SearchTerm, rare)
    else if (rareRead) {
      const page = this.idOrdered(q) ? await this.searchInIdOrder(q, term as SearchTerm) : null
      // counts=true: its first matches in id order, per status.
      if (page !== null) return options.counts !== true ? page : withStatusCounts(page, q, await this.statusCountsInIdOrder(q, term as SearchTerm, Math.min(this.limits.countCap, SEARCH_COUNTS)))
    }
    const tryWindow = async () => {
      const page = await this.searchWindow(q)
      // counts=true: the statuses of the matches among the list's first rows (lower bounds).
      return page === null || options.counts !== true ? page : withStatusCounts(page, q, await this.statusCountsInWindow(q))
    }
    if (plan === null && this.windowed(q) && this.pg) {
      // Not rare: the list's first rows before the term's candidates.
      const page = await tryWindow()
      if (page !== null) return page
    }
    if (plan === null && this.windowed(q) && !this.pg) {
      // First a few candidates: a term with at most that many matches reads its page among them (exact);
      // more, and the list's first rows are tested for a page (searchWindow) before more candidates are read.
      const few = await this.searchPlan(q, Math.min(2 * (q.limit + 1), this.limits.searchCandidates), rareRead)
      if (few.complete) {
        plan = few
      } else {
        const page = await tryWindow()
        if (page !== null) return page
      }
    }
    plan ??= await this.searchPlan(q, this.limits.searchCandidates, rareRead)
    if (plan.none) return { rows: [], total: 0, totalExact: true, hasMore: false, ...(options.counts === true ? { byStatus: { counts: [], exact: true } } : {}) }
    const page = this.ordered(this.filtered(q, true, plan.among ? plan.ids : undefined, plan.term).selectAll(), q)
    const [rows, counted] = await Promise.all([
      page.limit(q.limit + 1).offset(q.offset).execute(),
      countable(q)
        ? this.countedTotal(q).then((total) => ({ total, exact: true }))
        : this.countCapped(q, plan)
    ])
    const hasMore = rows.length > q.limit
    const shown = rows.slice(0, q.limit)
    // An inexact count is a lower bound of the list; it is never below what this page shows.
    const total = counted.exact ? counted.total : Math.max(counted.total, q.offset + shown.length + (hasMore ? 1 : 0))
    // counts=true: the same search plan (it depends on neither status nor reviewer), counted once.
    const byStatus = options.counts === true ? await this.statusCounts(q, plan) : undefined
    return { rows: shown, total, totalExact: counted.exact, hasMore, ...(byStatus === undefined ? {} : { byStatus }) }
  }

  /**
   * Sessions per status of the filtered list, whatever status filter it has. Exact from
   * session_counts; with a search, applicant or date filter counted over at most the cap's number of
   * sessions (`exact` false when it reached it: the counts are then lower bounds).
   */
  async countByStatus (f: ListFilters): Promise<StatusCounts> {
    return await this.statusCounts(f, await this.searchPlan(f))
  }

  private async statusCounts (f: ListFilters, plan: SearchPlan): Promise<StatusCounts> {
    if (countable(f)) {
      const rows = await this.counted(f, false).select(['status', sql<number>`sum(n)`.as('n')]).groupBy('status').execute()
      return { counts: rows.map((r) => ({ status: r.status as SessionStatus, n: Number(r.n) })), exact: true }
    }
    if (plan.none) return { counts: [], exact: true }
    const { countCap } = this.limits
    const rows = await this.db.selectFrom(this.matching(f, false, plan, countCap + 1).select('status').as('m'))
      .select(['m.status', sql<number>`count(*)`.as('n')]).groupBy('m.status').execute()
    const counts = rows.map((r) => ({ status: r.status as SessionStatus, n: Number(r.n) }))
    return capped(counts, plan.complete && counts.reduce((sum, c) => sum + c.n, 0) <= countCap, countCap)
  }

  /**
   * The total of a list session_counts cannot answer (search, applicant, dates): a count that stops
   * at the cap. A search matching more than searchCandidates sessions counts among the first
   * searchCandidates + 1 of them (a lower bound, not exact).
   */
  private async countCapped (f: ListFilters, plan: SearchPlan): Promise<{ total: number, exact: boolean }> {
    const { countCap } = this.limits
    const { n } = await this.db.selectFrom(this.matching(f, true, plan, countCap + 1).select('id').as('m'))
      .select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
    return { total: Math.min(Number(n), countCap), exact: Number(n) <= countCap && plan.complete }
  }

  /**
   * The filtered list's rows, at most `limit` (what a capped count reads). A search counts among its
   * candidates (at most searchCandidates + 1, through the search index), never by walking the team:
   * past them its count is a lower bound (`plan.complete` false).
   */
  private matching (f: ListFilters, withStatus: boolean, plan: SearchPlan, limit: number) {
    const rows = this.filtered(f, withStatus, plan.ids, plan.term).limit(limit)
    // A date filter without a search, status, tag or overdue filter counts its first rows in creation
    // order, through the list's index (team, mode[, reviewer], created_at, id). Left to itself
    // PostgreSQL scanned the table in storage order, which is creation order: `createdAfter` at a tenth
    // of the range read the first tenth's pages before its first match (22 ms cold at a million
    // sessions; 0.5 ms through the index). With statuses, the status indexes serve the count unordered
    // (0.26 ms for a reviewer's two statuses, 2.7 ms in creation order, each row's status read).
    const byDate = f.createdAfter !== undefined || f.createdBefore !== undefined
    const statuses = withStatus && f.statuses !== undefined && f.statuses.length > 0
    return byDate && plan.term === undefined && f.tag === undefined && f.overdue === undefined && !statuses
      ? rows.orderBy('createdAt', 'desc').orderBy('id', 'desc')
      : rows
  }

  /** The size of a list without search, applicant or date filters, from session_counts. */
  private async countedTotal (f: ListFilters): Promise<number> {
    const { total } = await this.counted(f).select(sql<number>`coalesce(sum(n), 0)`.as('total')).executeTakeFirstOrThrow()
    return Number(total)
  }

  /** The session_counts rows of a list without search, applicant or date filters (kept by LifecycleRepository). */
  private counted (f: ListFilters, withStatus = true) {
    let base = this.db.selectFrom('sessionCounts').where('teamId', '=', f.teamId).where('livemode', '=', f.livemode ? 1 : 0)
    if (f.reviewerId !== null) base = base.where('reviewerId', '=', f.reviewerId)
    if (withStatus && f.statuses && f.statuses.length > 0) base = base.where('status', 'in', f.statuses)
    return base
  }

  /** Rebuilds session_counts from the sessions table (for rows written around LifecycleRepository: bulk seeding). */
  async recount (): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessionCounts').execute()
      await sql`insert into session_counts (team_id, livemode, reviewer_id, status, shard, n)
        select team_id, livemode, coalesce(reviewer_id, ''), status, 0, count(*) from sessions
        group by team_id, livemode, coalesce(reviewer_id, ''), status`.execute(trx)
    })
  }

  /**
   * Runs `fn` unless another process runs it now (PostgreSQL: a session advisory lock on a connection
   * of its own; SQLite has one process). Returns null when the lock was taken elsewhere.
   */
  async exclusively<T> (lockId: number, fn: () => Promise<T>): Promise<T | null> {
    if (!isPostgres(this.db)) return await fn()
    return await this.db.connection().execute(async (conn) => {
      const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${lockId}) as locked`.execute(conn)
      if (got.rows[0]?.locked !== true) return null
      try {
        return await fn()
      } finally {
        await sql`select pg_advisory_unlock(${lockId})`.execute(conn)
      }
    })
  }

  /** Open sessions whose expiry has passed, oldest first (the sweep's batch). */
  async findOverdue (now: string, limit: number, teamId?: number): Promise<SessionRow[]> {
    let q = this.db.selectFrom('sessions').selectAll()
      .where('status', 'in', [...OPEN_SESSION_STATUSES]).where('expiryDate', '<=', now)
    if (teamId !== undefined) q = q.where('teamId', '=', teamId)
    return await q.orderBy('expiryDate').limit(limit).execute()
  }

  /** REVIEWING sessions past their due date whose overdue event is not written yet, earliest first (the sweep's batch). */
  async findReviewOverdue (now: string, limit: number): Promise<SessionRow[]> {
    return await this.db.selectFrom('sessions').selectAll()
      .where('status', '=', REVIEW_STATUS).where('overdueNotifiedAt', 'is', null).where('dueAt', 'is not', null).where('dueAt', '<=', now)
      .orderBy('dueAt').limit(limit).execute()
  }

  /** A session's notes, oldest first. */
  async notes (sessionId: number): Promise<SessionNoteRow[]> {
    return await this.db.selectFrom('sessionNotes').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }

  /** Final sessions not redacted yet whose last change (their final transition) is at or before `before`. */
  async findRetentionDue (before: string, limit: number, teams: RetentionTeams = {}): Promise<SessionRow[]> {
    let query = this.db.selectFrom('sessions').selectAll()
      .where('status', 'in', [...FINAL_SESSION_STATUSES]).where('redactedAt', 'is', null).where('updatedAt', '<=', before)
    if (teams.teamId !== undefined) query = query.where('teamId', '=', teams.teamId)
    if (teams.exceptTeamIds !== undefined && teams.exceptTeamIds.length > 0) query = query.where('teamId', 'not in', teams.exceptTeamIds)
    return await query.orderBy('updatedAt').limit(limit).execute()
  }

  async findIdempotent (teamId: number, keyHash: string, since: string) {
    return await this.db.selectFrom('idempotencyKeys').selectAll()
      .where('teamId', '=', teamId).where('keyHash', '=', keyHash).where('createdAt', '>', since)
      .executeTakeFirst()
  }

  /** Idempotency rows past the replay window (they hold sealed responses; keep none longer than needed). */
  async purgeIdempotent (before: string): Promise<number> {
    const res = await this.db.deleteFrom('idempotencyKeys').where('createdAt', '<=', before).executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  /** Rows older than the replay window no longer bind their key. */
  async deleteStaleIdempotent (teamId: number, keyHash: string, before: string): Promise<void> {
    await this.db.deleteFrom('idempotencyKeys').where('teamId', '=', teamId).where('keyHash', '=', keyHash)
      .where('createdAt', '<=', before).execute()
  }

  /** Redaction (in its transaction): the sealed replay of the session's creation holds the applicant's data. */
  async eraseIdempotent (trx: Kysely<Database>, sessionId: number): Promise<void> {
    await trx.deleteFrom('idempotencyKeys').where('sessionId', '=', sessionId).execute()
  }

  /** Redaction (in its transaction): reviewers' notes keep their author and time, not their words. */
  async eraseNotes (trx: Kysely<Database>, sessionId: number): Promise<void> {
    await trx.updateTable('sessionNotes').set({ body: null }).where('sessionId', '=', sessionId).execute()
  }

  /** Inside the session's transaction: a concurrent twin with the same key fails on the primary key. */
  async saveIdempotent (trx: Transaction<Database>, row: { teamId: number, keyHash: string, requestHash: string, sessionId: number, response: string, createdAt: string }): Promise<void> {
    await trx.insertInto('idempotencyKeys').values(row).execute()
  }
}
