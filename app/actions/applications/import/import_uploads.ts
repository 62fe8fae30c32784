import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import type Cohort from '#models/cohort'
import type User from '#models/user'
import { MAX_IMPORT_BYTES, MAX_IMPORT_SIZE_LABEL } from '#actions/applications/import/import_limits'
import {
  readImportFile,
  sizeLabel,
  type ImportSheet,
} from '#actions/applications/import/read_import_file'

/**
 * A referral list between its upload and its import is kept on the
 * private disk, so the mapping, preview and import steps work without
 * JavaScript and the import reads the file itself, never a copy the
 * browser sends back:
 *   imports/<organisation>/<uuid>.<csv|xlsx>  the file as uploaded
 *   imports/<organisation>/<uuid>.json        who, when, for which cohort, its name
 * The uuid (the "upload" field of the forms) is checked as a uuid and the
 * keys are built here, never from a path a browser sent. The file is
 * deleted once imported; files left behind are deleted after a day, the
 * next time someone of the organisation uploads one.
 */
export type ImportUploadMeta = {
  filename: string
  format: 'csv' | 'xlsx'
  cohortId: number
  userId: number
  uploadedAt: string
}

export type ImportUpload = { token: string; meta: ImportUploadMeta; sheet: ImportSheet }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const KEEP_FOR = { hours: 24 }

const folder = (organizationId: number) => `imports/${organizationId}`
const metaKey = (organizationId: number, token: string) => `${folder(organizationId)}/${token}.json`
const fileKey = (organizationId: number, token: string, format: 'csv' | 'xlsx') =>
  `${folder(organizationId)}/${token}.${format}`

export function isUploadToken(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/**
 * A stored upload of the cohort, read again; null when the token is not
 * a uuid, the upload is unknown, belongs to another organisation or
 * cohort, or its file can no longer be read.
 */
export async function findImportUpload(
  cohort: Cohort,
  token: unknown
): Promise<ImportUpload | null> {
  if (!isUploadToken(token)) return null
  const disk = drive.use()
  const key = metaKey(cohort.organizationId, token)
  if (!(await disk.exists(key))) return null
  let meta: ImportUploadMeta
  let bytes: Uint8Array
  try {
    meta = JSON.parse(await disk.get(key)) as ImportUploadMeta
    if (meta.cohortId !== cohort.id || !['csv', 'xlsx'].includes(meta.format)) return null
    bytes = await disk.getBytes(fileKey(cohort.organizationId, token, meta.format))
  } catch {
    // Half deleted, or unreadable: as good as gone.
    return null
  }
  const read = await readImportFile(bytes)
  return read.ok ? { token, meta, sheet: read.sheet } : null
}

export async function deleteImportUpload(cohort: Cohort, token: string) {
  if (!isUploadToken(token)) return
  const disk = drive.use()
  for (const format of ['csv', 'xlsx'] as const) {
    await disk.delete(fileKey(cohort.organizationId, token, format))
  }
  await disk.delete(metaKey(cohort.organizationId, token))
}

/**
 * Deletes the organisation's uploads older than a day (never imported).
 */
async function purgeStaleUploads(organizationId: number) {
  const disk = drive.use()
  const limit = DateTime.now().minus(KEEP_FOR)
  let objects
  try {
    ;({ objects } = await disk.listAll(folder(organizationId)))
  } catch {
    return
  }
  for (const object of objects) {
    if (!object.isFile || !object.name.endsWith('.json')) continue
    const token = object.name.slice(0, -'.json'.length)
    if (!isUploadToken(token)) continue
    try {
      const meta = JSON.parse(await disk.get(object.key)) as ImportUploadMeta
      if (DateTime.fromISO(meta.uploadedAt) > limit) continue
    } catch {
      // An unreadable record is deleted with its file.
    }
    for (const format of ['csv', 'xlsx'] as const) {
      await disk.delete(fileKey(organizationId, token, format))
    }
    await disk.delete(object.key)
  }
}

export type StoreUploadResult = { stored: true; token: string } | { stored: false; message: string }

/**
 * Checks an uploaded referral list (by its content, see readImportFile)
 * and keeps it for the next steps. `file` is null when the form sent
 * none; `read` gives its bytes (only called once the size is known to be
 * within the limit). Nothing is stored when the file is refused.
 */
export class StoreImportUpload {
  async handle({
    cohort,
    user,
    file,
  }: {
    cohort: Cohort
    user: User
    file: { name: string; size: number; read: () => Promise<Uint8Array> } | null
  }): Promise<StoreUploadResult> {
    if (!file) {
      return { stored: false, message: 'Choisissez le fichier de la liste (CSV ou Excel .xlsx).' }
    }
    if (file.size > MAX_IMPORT_BYTES) {
      return {
        stored: false,
        message: `Le fichier pèse ${sizeLabel(file.size)} : la limite est de ${MAX_IMPORT_SIZE_LABEL}. Découpez la liste en plusieurs fichiers.`,
      }
    }
    const bytes = await file.read()
    const read = await readImportFile(bytes)
    if (!read.ok) return { stored: false, message: read.message }

    await purgeStaleUploads(cohort.organizationId)
    const token = randomUUID()
    const meta: ImportUploadMeta = {
      filename: cleanFilename(file.name),
      format: read.sheet.format,
      cohortId: cohort.id,
      userId: user.id,
      uploadedAt: DateTime.now().toISO()!,
    }
    const disk = drive.use()
    await disk.put(fileKey(cohort.organizationId, token, meta.format), Buffer.from(bytes))
    await disk.put(metaKey(cohort.organizationId, token), JSON.stringify(meta))
    return { stored: true, token }
  }
}

/**
 * The name as shown and written in the history: no folders, no control
 * characters, at most 120 characters.
 */
function cleanFilename(name: string) {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 120)
  return cleaned || 'fichier sans nom'
}
