import { readFile, readdir } from 'node:fs/promises'
import qs from 'qs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type User from '#models/user'
import type { MatrixEntry } from '#tests/functional/authorization/expectations'

/*
|--------------------------------------------------------------------------
| Row counts of every table
|--------------------------------------------------------------------------
*/

let tableCache: string[] | null = null

/**
 * Every table of the test database (SQLite or PostgreSQL), the migrations'
 * own bookkeeping included.
 */
export async function allTables(): Promise<string[]> {
  if (tableCache) return tableCache
  const client = db.connection()
  const result =
    client.dialect.name === 'postgres'
      ? await client.rawQuery(
          `select tablename as name from pg_tables where schemaname = current_schema() order by tablename`
        )
      : await client.rawQuery(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
        )
  const rows: { name: string }[] = Array.isArray(result) ? result : result.rows
  tableCache = rows.map((row) => row.name)
  return tableCache
}

/**
 * The number of rows of every table, in one query.
 */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = await allTables()
  const sql = tables
    .map((table) => `select '${table}' as t, count(*) as c from "${table.replace(/"/g, '""')}"`)
    .join(' union all ')
  const result = await db.connection().rawQuery(sql)
  const rows: { t: string; c: number | string }[] = Array.isArray(result) ? result : result.rows
  return Object.fromEntries(rows.map((row) => [row.t, Number(row.c)]))
}

/**
 * The tables whose row count differs, as "table: before → after".
 */
export function countChanges(before: Record<string, number>, after: Record<string, number>) {
  return Object.keys({ ...before, ...after })
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} → ${after[table]}`)
}

/*
|--------------------------------------------------------------------------
| Which fields a route reads, from its controller and validators
|--------------------------------------------------------------------------
*/

/**
 * A field as a validator describes it: a value, a list of values, a list
 * of objects or an object.
 */
export type Shape =
  | { kind: 'leaf'; subtype: string }
  | { kind: 'array'; each: Shape }
  | { kind: 'object'; properties: Record<string, Shape> }

type SchemaNode = {
  type: string
  subtype?: string
  fieldName?: string
  properties?: SchemaNode[]
  each?: SchemaNode
  schema?: SchemaNode
  conditions?: { schema: SchemaNode }[]
  groups?: { conditions: { schema: { properties?: SchemaNode[] } }[] }[]
}

function shapeOf(node: SchemaNode): Shape {
  if (node.type === 'object') {
    const properties: Record<string, Shape> = {}
    for (const property of node.properties ?? []) {
      properties[property.fieldName!] = shapeOf(property)
    }
    for (const group of node.groups ?? []) {
      for (const condition of group.conditions) {
        for (const property of condition.schema.properties ?? []) {
          properties[property.fieldName!] = shapeOf(property)
        }
      }
    }
    return { kind: 'object', properties }
  }
  if ((node.type === 'array' || node.type === 'tuple') && node.each) {
    return { kind: 'array', each: shapeOf(node.each) }
  }
  if (node.type === 'record' && node.each) {
    return { kind: 'object', properties: { key: shapeOf(node.each) } }
  }
  if (node.type === 'union' && node.conditions?.length) return shapeOf(node.conditions[0].schema)
  return { kind: 'leaf', subtype: node.subtype ?? node.type }
}

let validatorCache: Record<string, Record<string, Shape>> | null = null

/**
 * The top-level fields of every compiled validator of app/validators, by
 * the validator's exported name.
 */
export async function validatorFields() {
  if (validatorCache) return validatorCache
  validatorCache = {}
  for (const file of await readdir(app.makePath('app/validators'))) {
    if (!file.endsWith('.ts')) continue
    const module = await import(`#validators/${file.replace(/\.ts$/, '')}`)
    for (const [name, value] of Object.entries(module)) {
      const compiled = value as { toJSON?: () => { schema?: { schema?: SchemaNode } } }
      if (!compiled || typeof compiled.toJSON !== 'function') continue
      const root = compiled.toJSON()?.schema?.schema
      if (!root) continue
      const shape = shapeOf(root)
      if (shape.kind === 'object') validatorCache[name] = shape.properties
    }
  }
  return validatorCache
}

const sources = new Map<string, string>()

async function source(path: string) {
  if (!sources.has(path)) {
    sources.set(path, await readFile(app.makePath(path), 'utf8').catch(() => ''))
  }
  return sources.get(path)!
}

function importedFiles(text: string) {
  const files: Record<string, string> = {}
  for (const match of text.matchAll(/import\s+(\w+|\{[^}]*\})\s+from\s+'#(\w+)\/([^']+)'/g)) {
    const folder = { controllers: 'controllers', actions: 'actions', services: 'services' }[
      match[2]
    ]
    if (!folder) continue
    const names = match[1].replace(/[{}]/g, '').split(',')
    for (const raw of names) {
      const name = raw
        .trim()
        .split(/\s+as\s+/)
        .pop()!
      if (name) files[name] = `app/${folder}/${match[3]}.ts`
    }
  }
  return files
}

function methodBody(text: string, method: string) {
  const start = text.search(new RegExp(`\\n  (?:async )?${method}\\(`))
  if (start < 0) return text
  const rest = text.slice(start + 1)
  const next = rest.slice(1).search(/\n {2}(?:async |private |protected |static )*\w+\(/)
  return next < 0 ? rest : rest.slice(0, next + 1)
}

/**
 * The fields a route's handler may read: those of the validators its
 * controller method uses, directly or through the actions and services
 * it calls (one level down), plus the route's fields from the matrix.
 */
export async function routeFields(
  route: RegisteredRoute,
  entry: MatrixEntry | undefined,
  side: Parameters<NonNullable<MatrixEntry['body']>>[0]
): Promise<Record<string, Shape>> {
  const validators = await validatorFields()
  const fields: Record<string, Shape> = {}
  const reference = route.handler
  if (Array.isArray(reference) && typeof reference[0] === 'function') {
    const lazy = String(reference[0])
    const module = lazy.match(/#controllers\/([\w/]+)/)?.[1]
    if (module) {
      const file = `app/controllers/${module}.ts`
      const text = await source(file)
      const body = methodBody(text, reference[1] ?? 'handle')
      const bodies = [body]
      const imports = importedFiles(text)
      for (const [name, path] of Object.entries(imports)) {
        if (new RegExp(`\\b${name}\\b`).test(body) && !path.includes('/controllers/')) {
          bodies.push(await source(path))
        }
      }
      for (const text2 of bodies) {
        for (const match of text2.matchAll(/\b(\w+Validator)\b/g)) {
          Object.assign(fields, validators[match[1]] ?? {})
        }
      }
    }
  }
  for (const key of Object.keys(entry?.body?.(side) ?? {})) {
    fields[key] ??= { kind: 'leaf', subtype: 'string' }
  }
  return fields
}

/*
|--------------------------------------------------------------------------
| Hostile values and bodies
|--------------------------------------------------------------------------
*/

export const SCRIPT = '<script>alert("fuzz")</script>'
export const LONG = 'a'.repeat(100_000)

/**
 * Values put into every field at once.
 */
export const HOSTILE_VALUES: Record<string, unknown> = {
  'unicode': '👩🏽‍💻 Zoë Ñandú مرحبا שלום e\u0301\u0301\u0301 \u202Eabc\u202C 𝕏',
  'nul byte': 'avant\u0000après',
  'html and script': `${SCRIPT}<img src=x onerror=alert(1)><b>gras</b>`,
  'sql metacharacters': `' OR '1'='1'; DROP TABLE users; -- "\\`,
  'negative number': '-1',
  'huge number': '1e308',
  '2^63': '9223372036854775808',
  'not a number': 'NaN',
  'infinity': '-Infinity',
  'impossible date': '2025-02-30',
  'french date': '31/12/2025',
  'year 99999': '99999-12-31',
  'whitespace only': ' \t\n ',
  'array instead of value': ['a', 'b'],
  'object instead of value': { x: 'y' },
}

/**
 * Values sent as JSON, where types are kept.
 */
export const JSON_VALUES: Record<string, unknown> = {
  'json number': 1e308,
  'json negative': -9223372036854775808,
  'json boolean': true,
  'json null': null,
  'json nested': [{ a: [{ b: 1 }] }],
}

export function fill(shape: Shape, value: unknown): unknown {
  if (shape.kind === 'leaf') return value
  if (shape.kind === 'array') return [fill(shape.each, value)]
  return Object.fromEntries(
    Object.entries(shape.properties).map(([key, child]) => [key, fill(child, value)])
  )
}

export function fillAll(fields: Record<string, Shape>, value: unknown) {
  return fill({ kind: 'object', properties: fields }, value) as Record<string, unknown>
}

/**
 * A urlencoded body where every field is sent twice with different
 * values (`name=a&name=b`).
 */
export function duplicatedBody(fields: Record<string, Shape>) {
  const once = qs.stringify(fillAll(fields, 'premier'), { arrayFormat: 'indices' })
  const twice = qs.stringify(fillAll(fields, 'second'), { arrayFormat: 'indices' })
  return [once, twice].filter(Boolean).join('&')
}

/**
 * Keys a browser should never send: internal columns, prototype
 * pollution, deep nesting.
 */
export function extraFieldsBody(base: Record<string, unknown>, otherOrganizationId: number) {
  return [
    qs.stringify(base),
    `id=1&organization_id=${otherOrganizationId}&organizationId=${otherOrganizationId}&role=admin&is_admin=1`,
    '__proto__[polluted]=1&constructor[prototype][polluted]=1',
    'proof_path=..%2F..%2F.env&signed_agreement_key=..%2F..%2F.env&file_path=%2Fetc%2Fpasswd',
    `deep${'[a]'.repeat(40)}=1`,
    Array.from({ length: 300 }, (_, i) => `champ_${i}=x`).join('&'),
  ]
    .filter(Boolean)
    .join('&')
}

/*
|--------------------------------------------------------------------------
| Routes and requests
|--------------------------------------------------------------------------
*/

export type RegisteredRoute = {
  name: string
  pattern: string
  method: string
  handler: unknown
}

/**
 * The query-string names the controllers read (`request.input('…')`).
 */
export async function queryNames() {
  const names = new Set<string>()
  const walk = async (folder: string) => {
    for (const entry of await readdir(app.makePath(folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`
      if (entry.isDirectory()) await walk(path)
      else if (entry.name.endsWith('.ts')) {
        const text = await source(path)
        for (const match of text.matchAll(/request\.input\('(\w+)'/g)) {
          names.add(match[1])
        }
      }
    }
  }
  await walk('app/controllers')
  return [...names].sort()
}

export function readRoutes(): RegisteredRoute[] {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.methods.includes('GET'))
    .map((route) => ({
      name: route.name!,
      pattern: route.pattern,
      method: 'GET',
      handler: (route.handler as { reference?: unknown }).reference,
    }))
}

export function writeRoutes(): RegisteredRoute[] {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)))
    .map((route) => ({
      name: route.name!,
      pattern: route.pattern,
      method: route.methods.find((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))!,
      handler: (route.handler as { reference?: unknown }).reference,
    }))
}

export type Sent = { kind: 'form' | 'raw' | 'json'; body: unknown }

export async function send(
  client: ApiClient,
  method: string,
  url: string,
  sent: Sent,
  user: User | null
) {
  const request = client[method.toLowerCase() as 'post'](url).withCsrfToken().redirects(0)
  if (sent.kind === 'json') request.json(sent.body as Record<string, unknown>)
  else {
    const body =
      sent.kind === 'raw' ? String(sent.body) : qs.stringify(sent.body, { arrayFormat: 'indices' })
    request.form(body as unknown as Record<string, unknown>)
  }
  if (user) request.loginAs(user)
  return request
}

/**
 * English sentences that would mean a default (untranslated) message.
 */
const ENGLISH =
  /\b(the \w+ field|field must|is required|must be|must have|invalid value|not found|cannot|unauthorized|forbidden|too many requests|request entity too large)\b/i

export function messagesOf(flash: Record<string, unknown>): string[] {
  const out: string[] = []
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  for (const key of ['error', 'errorsBag', 'inputErrorsBag']) walk(flash[key])
  return out
}

/**
 * Whether a response refuses the request, and why it is not a clear
 * French refusal when it is not one.
 */
export function judge(response: ApiResponse): {
  refused: boolean
  problem: string | null
  flash: Record<string, unknown>
} {
  const status = response.status()
  if (status >= 500) return { refused: true, problem: `status ${status}`, flash: {} }
  if (status >= 400) {
    const text = response.text()
    if (!/<html lang="fr"/.test(text)) {
      return { refused: true, problem: `status ${status} without a French page`, flash: {} }
    }
    return { refused: true, problem: null, flash: {} }
  }
  let flash: Record<string, unknown> = {}
  try {
    flash = (response.flashMessages() ?? {}) as Record<string, unknown>
  } catch {
    flash = {}
  }
  const messages = messagesOf(flash)
  if (!messages.length) return { refused: false, problem: null, flash }
  const english = messages.find((message) => ENGLISH.test(message))
  if (english) return { refused: true, problem: `message not in French: ${english}`, flash }
  return { refused: true, problem: null, flash }
}
