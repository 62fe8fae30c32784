import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type Internship from '#models/internship'
import { PROOF_MAX_BYTES, detectProofKind, removeProof } from '#services/absence_proofs'
import { nowInParis } from '#services/sql_time'
import { DateTime } from 'luxon'

/**
 * Options for `request.file('scan', SCAN_UPLOAD_OPTIONS)`: the same kinds
 * and size as absence proofs (PDF, JPEG, PNG, 5 MB).
 */
export const SCAN_UPLOAD_OPTIONS = { size: '5mb', extnames: ['pdf', 'jpg', 'jpeg', 'png'] }

export const SCAN_HINT = 'PDF, JPEG ou PNG, 5 Mo au plus.'

export type ScanResult = { stored: true; nowSigned: boolean } | { stored: false; message: string }

/**
 * Checks an uploaded scan (size, then content by its first bytes) and
 * gives its bytes and kind, or the French sentence that refuses it.
 */
async function readScan(file: MultipartFile | null) {
  const tooLarge = 'La convention signée dépasse 5 Mo : envoyez un scan plus léger.'
  const wrongKind = 'La convention signée doit être un fichier PDF, JPEG ou PNG.'
  if (!file) return { error: 'Choisissez le scan de la convention signée.' }
  if (!file.isValid) {
    return { error: file.errors.some((error) => error.type === 'size') ? tooLarge : wrongKind }
  }
  if (!file.tmpPath || file.size > PROOF_MAX_BYTES) return { error: tooLarge }
  const bytes = new Uint8Array(await readFile(file.tmpPath))
  if (!bytes.length) return { error: 'Le fichier envoyé est vide.' }
  if (bytes.length > PROOF_MAX_BYTES) return { error: tooLarge }
  const kind = detectProofKind(bytes)
  if (!kind) return { error: wrongKind }
  return { bytes, kind }
}

/**
 * Stores the signed agreement's scan under `agreements/<org>/<uuid>.<ext>`
 * (replacing an earlier one). A draft or sent agreement becomes signed,
 * today: the scan is the proof of the signature. A cancelled internship
 * takes no scan.
 */
export default class StoreSignedAgreement {
  async handle({
    internship,
    file,
  }: {
    internship: Internship
    file: MultipartFile | null
  }): Promise<ScanResult> {
    if (internship.status === 'cancelled') {
      return { stored: false, message: 'Ce stage est annulé : sa convention ne se dépose plus.' }
    }
    const scan = await readScan(file)
    if (!scan.bytes) return { stored: false, message: scan.error! }

    const key = `agreements/${internship.organizationId}/${randomUUID()}.${scan.kind.ext}`
    await drive.use().put(key, scan.bytes, { contentType: scan.kind.contentType })
    const previousKey = internship.signedAgreementKey
    const nowSigned = ['draft', 'agreement_sent'].includes(internship.status)
    try {
      await db.transaction(async (trx) => {
        internship.useTransaction(trx)
        internship.signedAgreementKey = key
        if (nowSigned) {
          internship.status = 'signed'
          internship.signedOn = DateTime.fromISO(nowInParis().toISODate()!)
        }
        await internship.save()
      })
    } catch (error) {
      await removeProof(key)
      throw error
    }
    await removeProof(previousKey)
    return { stored: true, nowSigned }
  }
}

/**
 * The stored scan ready to send, or null when there is none or its file
 * is gone.
 */
export async function openSignedAgreement(internship: Internship) {
  const key = internship.signedAgreementKey
  if (!key) return null
  const disk = drive.use()
  if (!(await disk.exists(key))) return null
  const ext = key.split('.').pop()!.toLowerCase()
  const contentType = ext === 'pdf' ? 'application/pdf' : ext === 'png' ? 'image/png' : 'image/jpeg'
  return {
    stream: await disk.getStream(key),
    contentType,
    filename: `convention-signee-${internship.id}.${ext}`,
  }
}
