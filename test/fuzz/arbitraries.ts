import fc from 'fast-check'

/**
 * Generators for the route fuzzer: requests derived from a route's JSON schema (valid-ish values,
 * then mutated) and hostile values of every kind, for bodies, query strings, path parameters and
 * headers. Nothing here knows a route: field names are the only hints (an `id` is better drawn
 * from the fixture's ids than at random, or no handler would ever be reached).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonSchema = Record<string, any>

/** Values for fields by name (sessionId, stepId, token...), supplied by the fixture. */
export type Hints = Record<string, fc.Arbitrary<unknown> | undefined>

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\udc00b', '\ud83d', 'x\ud800\ud800']

/** Strings that have broken services: control characters, lone surrogates, injections, huge. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '\t', '\u0000', 'a\u0000b', ...LONE_SURROGATES, '\u202e', '\ufeff', '😀', 'e\u0301', '١٢٣',
    "' OR 1=1 --", '"; drop table sessions; --', '<script>alert(1)</script>', '../../../etc/passwd', '%00', '%ZZ',
    '$' + '{jndi:ldap://x}', '{{7*7}}', '__proto__', 'constructor', 'null', 'undefined', 'true', 'NaN', 'Infinity',
    '-1', '0', '1e309', '0x1F', '99999999999999999999', '2147483648', '1.5', ' 1', '1 ', '+1',
    '2030-01-01T00:00:00Z', '2030-02-30T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z',
    'a'.repeat(201), 'a'.repeat(5000), 'é'.repeat(3000)
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ maxLength: 20 })
)

/** Short text that storage and SQL trip on: NUL, lone surrogates, LIKE wildcards, quotes, backslashes. */
export const hostileText: fc.Arbitrary<string> = fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'a\udc00b', '%', '_', '\\', "'", '😀')

export const weirdNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 0.1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 + 2, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true })
)

/** Any JSON, biased to the weird leaves above. */
export const wildJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null), fc.boolean(), weirdNumber, weirdString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(weirdString, fc.constantFrom('id', 'sessionId', 'stepId', 'params', 'url', 'token', '__proto__')), tie('value'), { maxKeys: 4, noNullPrototype: true })
  )
})).value

/** A value nested `depth` levels deep, in objects or arrays. */
export const deepJson: fc.Arbitrary<Json> = fc.tuple(fc.integer({ min: 20, max: 80 }), fc.boolean(), wildJson).map(([depth, arrays, leaf]) => {
  let value: Json = leaf
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value }
  return value
})

/** Plain JSON: short printable strings, small numbers, shallow; what a schema's free-form object holds in a valid request. */
export const tameJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null), fc.boolean(), fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie('value'), { maxKeys: 3, noNullPrototype: true })
  )
})).value

/** Date-times that pass a date-time format, with the edges: year 0 and 9999, offsets, leap seconds, nanoseconds, lower case. */
const isoDate = fc.oneof(
  { arbitrary: fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), weight: 3 },
  {
    arbitrary: fc.constantFrom('0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59+00:00', '0000-01-01T00:00:00+14:00', '2030-01-01T00:00:00.123456789Z', '2030-01-01T00:00:00+14:00', '2030-01-01T00:00:00-12:00',
      '2030-01-01t00:00:00z', '2030-01-01 00:00:00Z', '2016-12-31T23:59:60Z', '2030-06-30T23:59:60+01:00'),
    weight: 1
  }
)

/** A value the schema accepts, mostly: bounds respected, field names' hints used. */
export function fromSchema (schema: JsonSchema | undefined, hints: Hints, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return tameJson
  const hinted = name ? hints[name] : undefined
  if (hinted) return hinted
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  const union = schema.anyOf ?? schema.oneOf
  if (Array.isArray(union)) return fc.oneof(...union.map((s: JsonSchema) => fromSchema(s, hints, name, depth)))
  if (depth > 6) return fc.constant(null)
  switch (schema.type) {
    case 'null': return fc.constant(null)
    case 'boolean': return fc.boolean()
    case 'integer': {
      const min = schema.minimum ?? -(2 ** 31)
      const max = schema.maximum ?? 2 ** 31
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 50) }), fc.integer({ min, max }), fc.constantFrom(min, max))
    }
    case 'number': return fc.double({ min: schema.minimum, max: schema.maximum, noNaN: true, noDefaultInfinity: true })
    case 'string': {
      if (schema.format === 'date-time') return isoDate
      if (schema.format === 'email') return fc.emailAddress()
      if (schema.format === 'uri') return fc.webUrl()
      const minLength = schema.minLength ?? 0
      const maxLength = schema.maxLength ?? 1000
      const text = fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) })
      return fc.oneof(
        { arbitrary: schema.pattern === '\\S' ? text.filter((s) => /\S/.test(s)) : text, weight: 4 },
        { arbitrary: fc.constant('x'.repeat(maxLength)), weight: 1 },
        // the right type and length, hostile content: NUL, lone surrogates, LIKE wildcards, quotes
        { arbitrary: fc.oneof({ arbitrary: hostileText, weight: 3 }, { arbitrary: weirdString, weight: 1 }).filter((s) => s.length >= minLength && s.length <= maxLength), weight: 2 }
      )
    }
    case 'array': {
      const minLength = schema.minItems ?? 0
      const maxLength = Math.min(schema.maxItems ?? 5, minLength + 4)
      return fc.array(fromSchema(schema.items, hints, `${name}[]`, depth + 1), { minLength, maxLength })
    }
    case 'object': {
      const props: Record<string, JsonSchema> = schema.properties ?? {}
      const required = new Set<string>(schema.required ?? [])
      const keys = Object.keys(props)
      // Optional fields in about a third of the values: with every one present, one invalid
      // combination or another would stop nearly every request before the handler.
      const absent = Symbol('absent')
      const record = fc.tuple(...keys.map((k) => required.has(k)
        ? fromSchema(props[k], hints, k, depth + 1)
        : fc.oneof({ arbitrary: fc.constant(absent), weight: 2 }, { arbitrary: fromSchema(props[k], hints, k, depth + 1), weight: 1 })))
        .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([, v]) => v !== absent)) as Record<string, unknown>)
      const patterns = Object.entries<JsonSchema>(schema.patternProperties ?? {})
      if (patterns.length > 0) {
        const [pattern, valueSchema] = patterns[0]
        const extra = fc.dictionary(fc.stringMatching(new RegExp(pattern)), fromSchema(valueSchema, hints, '', depth + 1), { maxKeys: Math.min(schema.maxProperties ?? 5, 5), noNullPrototype: true })
        return fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...a }))
      }
      if (keys.length === 0 && schema.additionalProperties !== false) {
        return fc.dictionary(fc.string({ maxLength: 12 }), tameJson, { maxKeys: 4, noNullPrototype: true })
      }
      return record
    }
    default: return tameJson
  }
}

/** One change to a valid-ish value: a field dropped, added, retyped, or the whole wrapped. */
export function mutate (value: unknown): fc.Arbitrary<unknown> {
  const fields = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
  const choices: Array<fc.Arbitrary<unknown>> = [
    fc.constant([value]), // an array for an object
    wildJson,
    deepJson
  ]
  if (fields.length > 0) {
    const obj = value as Record<string, unknown>
    const field = fc.constantFrom(...fields)
    choices.push(
      field.map((k) => { const { [k]: _dropped, ...rest } = obj; return rest }),
      fc.tuple(field, fc.oneof(wildJson, deepJson, fc.constantFrom(...LONE_SURROGATES), fc.constant('\u0000'))).map(([k, v]) => ({ ...obj, [k]: v })),
      fc.tuple(fc.oneof(weirdString, fc.constantFrom('extra', '__proto__', 'constructor')), wildJson).map(([k, v]) => ({ ...obj, [k]: v })),
      // a nested object's field retyped (one level down is where most shapes live)
      fc.tuple(field, wildJson).map(([k, v]) => {
        const inner = obj[k]
        if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return { ...obj, [k]: [inner, v] }
        const innerKeys = Object.keys(inner)
        return { ...obj, [k]: { ...inner, [innerKeys[0] ?? 'unknown']: v } }
      })
    )
  }
  return fc.oneof(...choices)
}

/** Body text that is not JSON, or JSON that is hard to take (Infinity literals, BOM, duplicate keys). */
export const rawBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '{', '{"a":', '}', 'null', '[]', '""', '"str"', '0', 'true', '\ufeff{}', 'undefined', 'NaN',
    '{"stepId":1e999}', '{"sessionId":-0}', '{"sessionId":123456789012345678901234567890}', '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', '{"params":{"expiryDate":"2099-01-01T00:00:00Z","metadata":{"k":"\\ud800"}}}',
    '{"params":{"expiryDate":"2099-01-01T00:00:00Z","metadata":{"k":"\\u0000"}}}', 'a=1&b=2', '<xml/>', '\u0000', '\xff\xfe'
  ),
  fc.string({ unit: 'binary', maxLength: 50 })
)

export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON',
  'application/json; charset=latin1', 'application/json;charset=utf-16', 'application/vnd.api+json', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '*/*', '', 'json',
  'application/json, text/plain', undefined
)

/** Header values as HTTP can carry them: visible ASCII, spaces, tabs and Latin-1 bytes. */
const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.constantFrom('', ' ', '\t', 'pa_', 'pa_test_', 'a'.repeat(300), 'x'.repeat(10_000), 'null', '0', '-1', "' OR 1=1 --", 'Bearer x')
)

/** A credential: the fixture's (valid), another kind's, or garbage. */
export function credential (valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 3 },
    { arbitrary: fc.constantFrom(...valid).map((v) => v.slice(0, -1) + (v.endsWith('a') ? 'b' : 'a')), weight: 1 }, // one character off
    { arbitrary: fc.constantFrom(...valid).map((v) => `${v} `), weight: 1 },
    { arbitrary: headerText, weight: 2 }
  )
}

export const idempotencyKey: fc.Arbitrary<string> = fc.oneof(headerText, fc.uuid(), fc.constantFrom('order-1', 'order-1', 'a'.repeat(256), 'a'.repeat(255)))
export const requestId: fc.Arbitrary<string> = fc.oneof(headerText, fc.uuid(), fc.constantFrom('a'.repeat(128), 'a'.repeat(129), 'req:1.2_3-4', '../x', 'id\ttab'))

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** encodeURIComponent, except that a lone surrogate (which it refuses) becomes the bytes of its invalid UTF-8 (%ED%A0%80). */
export function encode (value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? ''
  return text.split(LONE).map((part) => encodeURIComponent(part)).join('%ED%A0%80')
}

/** A path segment for a parameter: the fixture's (hinted as `:name`), a valid-looking other, or hostile. */
export function pathSegment (schema: JsonSchema | undefined, hinted: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    fc.constantFrom('0', '-1', '-2147483648', '2147483647', '2147483648', '99999999999999999999999', '1e3', '1.0', '0x10', '+1', '00001',
      '%20', '%00', '%ZZ', '%', '..', '%2e%2e', '%2F', 'null', 'undefined', 'NaN', '%E2%80%AE', '%ED%A0%80', '%F0%9F', 'a'.repeat(201), '1'.repeat(200), '9'.repeat(250)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encode),
    fc.integer().map(String)
  )
  const valid = hinted ?? fromSchema(schema, {})
  return fc.oneof({ arbitrary: valid.map(encode), weight: 2 }, { arbitrary: hostile, weight: 2 })
}

/** A value as a query string: an object's fields (an array's items repeated), anything else as `q`. */
export function encodeQuery (value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `q=${encode(value)}`
  const pairs: string[] = []
  for (const [k, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push(`${encode(k)}=${encode(item)}`)
  }
  return pairs.join('&')
}

/** A query string: from the schema (then mutated), or raw hostile text. */
export function queryString (schema: JsonSchema | undefined, hints: Hints): fc.Arbitrary<string> {
  const validish = schema ? fromSchema(schema, hints) : fc.constant({})
  return fc.oneof(
    { arbitrary: validish.map(encodeQuery), weight: 3 },
    { arbitrary: validish.chain(mutate).map(encodeQuery), weight: 2 },
    {
      arbitrary: fc.constantFrom('', '&&&', '=', '==&=', 'limit=1&limit=2', 'a[b]=1', 'a[]=1&a[]=2', '%ZZ=1', 'x=%ZZ', 'text=%F0%9F', 'text=%ED%A0%80',
        'sessionId=1e3', 'sessionId=-1', 'limit=0', 'limit=101', 'offset=-1', 'counts=yes', 'status=,,,', 'status=' + 'PENDING,'.repeat(40),
        'token=&sessionId=', '__proto__[x]=1', 'constructor=1', 'include=facts&counts=true&startingAfter=1&offset=1'),
      weight: 2
    }
  )
}

export { headerText }
