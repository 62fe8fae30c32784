#!/usr/bin/env node
/*
|--------------------------------------------------------------------------
| Demo: `node bin/demo.js` (or `npm run demo`)
|--------------------------------------------------------------------------
|
| Plain JavaScript, only Node needed. From a fresh clone it:
|
|   1. installs the dependencies when node_modules/ is missing (`npm ci`);
|   2. creates `.env` from `.env.example` when missing, with a new APP_KEY,
|      SQLite, jobs run in-process (QUEUE_DRIVER=sync) and mails written
|      to tmp/mails (MAIL_MAILER=file); an existing `.env` is kept as it is
|      (only an empty APP_KEY gets a value);
|   3. makes sure tmp/ exists (the SQLite file lives there);
|   4. builds the assets when public/assets/.vite/manifest.json is missing;
|   5. runs the migrations and the seeder (both idempotent: running the
|      demo again reuses the same .env and database);
|   6. starts the web server in the foreground, then prints the demo
|      accounts (read from tmp/demo-accounts.json, written by the seeder)
|      and the address to open.
|
| PORT and HOST from the environment win over `.env` (HOST defaults to
| 127.0.0.1). Ctrl-C or SIGTERM stops the server, and the demo exits with
| the server's status.
|
*/

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const path = (...parts) => join(ROOT, ...parts)

const ENV_FILE = path('.env')
const ENV_EXAMPLE = path('.env.example')
const MANIFEST = path('public/assets/.vite/manifest.json')
const ACCOUNTS_FILE = path('tmp/demo-accounts.json')

/*
|--------------------------------------------------------------------------
| Child processes, with SIGINT/SIGTERM forwarded to the running one
|--------------------------------------------------------------------------
*/
let current = null
let stopping = null

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = signal
    if (current && current.exitCode === null && current.signalCode === null) {
      current.kill(signal)
    } else {
      exitWith(null, signal)
    }
  })
}

/**
 * Leave with the same status as a child: its exit code, or the signal
 * that stopped it (re-raised on ourselves, so the shell sees it).
 */
function exitWith(code, signal) {
  if (signal) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
    return
  }
  process.exit(code ?? 1)
}

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
      ...options,
    })
    current = child
    child.on('error', (error) => {
      console.error(`Impossible de lancer ${command}: ${error.message}`)
      resolve({ code: 1, signal: null })
    })
    child.on('exit', (code, signal) => {
      current = null
      resolve({ code, signal })
    })
  })
}

/**
 * Run one step; stop the demo when it fails or was interrupted.
 */
async function step(title, command, args, options) {
  header(title)
  const { code, signal } = await run(command, args, options)
  if (signal || stopping) exitWith(code, signal ?? stopping)
  if (code !== 0) {
    console.error(`\nÉchec de l'étape « ${title} » (code ${code}).`)
    exitWith(code || 1)
  }
}

function header(title) {
  console.log(`\n==> ${title}`)
}

/*
|--------------------------------------------------------------------------
| .env handling
|--------------------------------------------------------------------------
*/
function parseEnv(text) {
  const values = {}
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/)
    if (!match) continue
    let value = match[2]
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1)
    values[match[1]] = value
  }
  return values
}

/**
 * Set KEY=value on its existing line, or append the line.
 */
function setEnvLine(text, key, value) {
  const line = `${key}=${value}`
  const pattern = new RegExp(`^\\s*${key}\\s*=.*$`, 'm')
  if (pattern.test(text)) return text.replace(pattern, line)
  return `${text.replace(/\n*$/, '\n')}${line}\n`
}

/**
 * 32 characters of base64url (24 random bytes).
 */
function generateAppKey() {
  return randomBytes(24).toString('base64url')
}

function prepareEnvFile() {
  if (!existsSync(ENV_FILE)) {
    header('Création de .env (depuis .env.example)')
    if (!existsSync(ENV_EXAMPLE)) {
      console.error(
        '.env.example est introuvable : lancez la démo depuis une copie complète du dépôt.'
      )
      process.exit(1)
    }
    let text = readFileSync(ENV_EXAMPLE, 'utf8')
    text = setEnvLine(text, 'APP_KEY', generateAppKey())
    text = setEnvLine(text, 'DB_CONNECTION', 'sqlite')
    text = setEnvLine(text, 'QUEUE_DRIVER', 'sync')
    text = setEnvLine(text, 'MAIL_MAILER', 'file')
    writeFileSync(ENV_FILE, text, { mode: 0o600 })
    console.log(
      '.env créé avec une nouvelle APP_KEY (SQLite, tâches synchrones, mails dans tmp/mails).'
    )
  } else {
    const text = readFileSync(ENV_FILE, 'utf8')
    if (!parseEnv(text).APP_KEY) {
      header('APP_KEY vide dans .env : génération')
      writeFileSync(ENV_FILE, setEnvLine(text, 'APP_KEY', generateAppKey()))
    }
    console.log('.env existant réutilisé.')
  }
  return parseEnv(readFileSync(ENV_FILE, 'utf8'))
}

/*
|--------------------------------------------------------------------------
| Helpers for the server
|--------------------------------------------------------------------------
*/
function portIsFree(port, host) {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.once('listening', () => probe.close(() => resolve(true)))
    probe.listen(port, host)
  })
}

/**
 * Poll the server until it answers HTTP (any status), the child dies, or
 * the time runs out.
 */
async function waitForServer(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) })
      return true
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }
  return false
}

function browserHost(host) {
  if (['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host)) return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function readAccounts() {
  if (!existsSync(ACCOUNTS_FILE)) return null
  try {
    const accounts = JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8'))
    return Array.isArray(accounts) ? accounts : null
  } catch (error) {
    console.error(`tmp/demo-accounts.json illisible : ${error.message}`)
    return null
  }
}

function printAccounts(accounts, baseUrl) {
  console.log('\nComptes de démonstration')
  if (!accounts || accounts.length === 0) {
    console.log('  (aucun : tmp/demo-accounts.json est absent ou vide, le seeder ne l’a pas écrit)')
    return
  }
  const rows = accounts.map((account) => {
    const home = String(account.home ?? '')
    return [
      String(account.role ?? ''),
      String(account.email ?? ''),
      String(account.password ?? ''),
      home.startsWith('/') ? `${baseUrl}${home}` : home,
    ]
  })
  const titles = ['Rôle', 'E-mail', 'Mot de passe', 'Page d’accueil']
  const widths = titles.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index].length))
  )
  const line = (cells) =>
    `  ${cells.map((cell, index) => cell.padEnd(widths[index])).join('  ')}`.trimEnd()
  console.log(line(titles))
  console.log(line(widths.map((width) => '-'.repeat(width))))
  for (const row of rows) console.log(line(row))
}

/*
|--------------------------------------------------------------------------
| Main
|--------------------------------------------------------------------------
*/
const nodeMajor = Number(process.versions.node.split('.')[0])
if (nodeMajor < 20) {
  console.error(`Node ${process.versions.node} : la démo demande Node 20.6 ou plus récent.`)
  process.exit(1)
}

if (!existsSync(path('node_modules'))) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  await step('Installation des dépendances (npm ci)', npm, ['ci'])
}

const fileEnv = prepareEnvFile()

mkdirSync(path('tmp'), { recursive: true })

if (!existsSync(MANIFEST)) {
  await step('Construction des assets (vite build)', process.execPath, [
    path('node_modules/vite/bin/vite.js'),
    'build',
    '--logLevel',
    'warn',
  ])
}

await step('Migrations de la base', process.execPath, ['ace', 'migration:run', '--force'])
await step('Données de démonstration (seeder)', process.execPath, ['ace', 'db:seed'])

const host = process.env.HOST || fileEnv.HOST || '127.0.0.1'
const port = Number(process.env.PORT || fileEnv.PORT || 3333)
const baseUrl = `http://${browserHost(host)}:${port}`

/**
 * The server reads PORT, HOST (environment first, then .env); links in
 * mails follow the port when it was changed from the command line.
 */
const serverEnv = { ...process.env, HOST: host, PORT: String(port) }
if (process.env.PORT && !process.env.APP_URL) serverEnv.APP_URL = baseUrl

if (!(await portIsFree(port, host))) {
  console.error(
    `\nLe port ${port} est déjà utilisé sur ${host}. Choisissez-en un autre : PORT=3400 node bin/demo.js`
  )
  process.exit(1)
}

header(`Démarrage du serveur sur ${baseUrl} (Ctrl-C pour arrêter)`)
/**
 * The TypeScript sources run through ts-node's ESM hook, as `node ace serve`
 * does, but without its file watcher and in this process' group, so that
 * a signal sent to the demo reaches the server.
 */
const server = spawn(
  process.execPath,
  ['--import=ts-node-maintained/register/esm', '--enable-source-maps', 'bin/server.js'],
  { cwd: ROOT, stdio: 'inherit', env: serverEnv }
)
current = server
server.on('exit', (code, signal) => {
  current = null
  exitWith(code, signal)
})

if (await waitForServer(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`, server)) {
  printAccounts(readAccounts(), baseUrl)
  console.log(`\nCohorte est prêt : ${baseUrl}\n`)
}
