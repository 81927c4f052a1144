import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SHARED_TABLES, SQL_ONLY_TABLE_OWNERS, TABLE_OWNERS } from '../../src/db/table-owners.js'
import { ROOT_DIR } from '../../src/lib/paths.js'

/**
 * No module reads or writes another module's tables (issue 18, item 3): every table named by a
 * query under src/modules/<name>/ (Kysely's selectFrom, insertInto, updateTable, deleteFrom, the
 * joins, sql.table, and the tables plain SQL names after from, into, update or join) belongs to
 * <name> in src/db/table-owners.ts, or is one of the few SHARED_TABLES declared there with why.
 */

const SRC = join(ROOT_DIR, 'src')
const MODULES = join(SRC, 'modules')
const OWNERS_FILE = 'src/db/table-owners.ts'

function sourceFiles (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [])
}

/** Comments blanked out (same length, same lines), so that a comment naming a table counts for nothing and positions hold. */
function withoutComments (text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ')
  return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[\s;{}(),])\/\/[^\n]*/g, (m, lead: string) => lead + blank(m.slice(lead.length)))
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Every table name a query may use (camelCase for Kysely, snake_case for plain SQL) -> the table as declared, and its owner. */
const TABLES = new Map<string, { table: string, owner: string }>()
for (const [table, owner] of Object.entries(TABLE_OWNERS)) {
  TABLES.set(table, { table, owner })
  TABLES.set(snake(table), { table, owner })
}
for (const [table, owner] of Object.entries(SQL_ONLY_TABLE_OWNERS)) TABLES.set(table, { table, owner })

interface Use { module: string, file: string, line: number, call: string, name: string }

const BUILDER = /\b(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|(?:inner|left|right|full|cross)Join(?:Lateral)?|sql\.table)\s*\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*"|`[^`$]*`)/g
const PLAIN_SQL = /\b(from|into|update|join)\s+([a-z][a-z0-9_]*)\b/gi

const uses: Use[] = []
for (const path of sourceFiles(MODULES)) {
  const module = relative(MODULES, path).split(sep)[0]
  const file = relative(ROOT_DIR, path)
  const text = withoutComments(readFileSync(path, 'utf8'))
  const lineOf = (index: number) => text.slice(0, index).split('\n').length
  for (const m of text.matchAll(BUILDER)) {
    for (const [, literal] of m[2].matchAll(/['"`]([^'"`]*)['"`]/g)) {
      // 'events as e': the table is the first word.
      uses.push({ module, file, line: lineOf(m.index), call: m[1], name: literal.trim().split(/\s+/)[0] })
    }
  }
  for (const m of text.matchAll(PLAIN_SQL)) {
    // Plain SQL is recognised by the tables it names; any other word after "from" is not SQL.
    if (TABLES.has(m[2]) && m[2] === snake(m[2])) uses.push({ module, file, line: lineOf(m.index), call: `sql ${m[1]}`, name: m[2] })
  }
}

const allowed = (module: string, table: string) => SHARED_TABLES.some((s) => s.module === module && (s.tables as readonly string[]).includes(table))

describe('table ownership', () => {
  it('reads the queries of the tree', () => {
    expect(uses.some((u) => u.module === 'sessions' && u.name === 'sessions' && u.call === 'selectFrom')).toBe(true)
    expect(uses.some((u) => u.module === 'lifecycle' && u.name === 'audit_log' && u.call === 'sql into')).toBe(true)
    expect(uses.some((u) => u.module === 'webhooks' && u.name === 'events' && u.call === 'innerJoin')).toBe(true)
  })

  it('every table a module names is declared with its owner', () => {
    const unknown = uses.filter((u) => !TABLES.has(u.name))
      .map((u) => `${u.file}:${u.line} ${u.call}('${u.name}'): no owner declared for table '${u.name}'; add it to TABLE_OWNERS in ${OWNERS_FILE}`)
    expect(unknown).toEqual([])
  })

  it('no module names a table of another module (outside the declared SHARED_TABLES)', () => {
    const wrong = uses.flatMap((u) => {
      const t = TABLES.get(u.name)
      if (t === undefined || t.owner === u.module || allowed(u.module, t.table)) return []
      return [`${u.file}:${u.line} ${u.call}('${u.name}'): the ${u.module} module touches '${t.table}', a table of the ${t.owner} module; ` +
        `ask ${t.owner}'s service or repository (its repository may take the caller's transaction), or, if the contract needs ` +
        `both in one transaction, declare it in SHARED_TABLES of ${OWNERS_FILE} with why`]
    })
    expect(wrong).toEqual([])
  })

  it('every owner is a module folder, and every shared table is still used and says why', () => {
    const folders = new Set(readdirSync(MODULES))
    const owners = [...Object.values(TABLE_OWNERS), ...Object.values(SQL_ONLY_TABLE_OWNERS), ...SHARED_TABLES.map((s) => s.module)]
    expect(owners.filter((o) => !folders.has(o))).toEqual([])
    const stale = SHARED_TABLES.flatMap((s) => s.tables
      .filter((table) => TABLE_OWNERS[table] === s.module || !uses.some((u) => u.module === s.module && TABLES.get(u.name)?.table === table))
      .map((table) => `${s.module} -> ${table}: not needed any more; remove it from SHARED_TABLES in ${OWNERS_FILE}`))
    expect(stale).toEqual([])
    expect(SHARED_TABLES.filter((s) => s.why.trim().length < 20)).toEqual([])
  })
})
