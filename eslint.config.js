import neostandard from 'neostandard'
import globals from 'globals'

// One style for the whole tree (standard, TypeScript-aware); `npm run lint` runs it, `.ci/run` too.
export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'data/**', 'node_modules/**', 'public/vendor/**', 'clients/**/dist/**', 'clients/typescript/src/schema.d.ts', 'test-results/**'] }),
  {
    rules: {
      // A TypeBox schema and its Static<> type share one name, on purpose (`export const X = Type.Object(...)`, `export type X = Static<typeof X>`).
      '@typescript-eslint/no-redeclare': 'off',
      'no-redeclare': 'off',
      // `void promise` marks a floating promise deliberately left to run.
      'no-void': ['error', { allowAsStatement: true }],
      camelcase: ['error', { properties: 'never', allow: ['^keccak_256$'] }],
      // One way to separate type members across the tree: none on their own lines, commas on one line.
      '@stylistic/member-delimiter-style': ['error', { multiline: { delimiter: 'none' }, singleline: { delimiter: 'comma', requireLast: false } }]
    }
  },
  {
    // `(p) => void (p.x = y)`: a one-line mutation in a table of test cases.
    files: ['test/**/*.ts'],
    rules: { 'no-void': 'off' }
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } }
  }
]
