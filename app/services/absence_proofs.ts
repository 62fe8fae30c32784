import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Proofs of absence (medical certificates, summons…): PDF, JPEG or PNG,
 * 5 MB at most, recognised by their first bytes whatever their name.
 * They hold personal data: stored on the private disk under
 * `attendance-proofs/<organisation>/<uuid>.<ext>` and only ever sent
 * through a route that checks who asks.
 */
export const PROOF_MAX_BYTES = 5 * 1024 * 1024

/**
 * Options for `request.file('proof', PROOF_UPLOAD_OPTIONS)`.
 */
export const PROOF_UPLOAD_OPTIONS = { size: '5mb', extnames: ['pdf', 'jpg', 'jpeg', 'png'] }

export const PROOF_HINT = 'PDF, JPEG ou PNG, 5 Mo au plus.'

const KINDS = [
  { ext: 'pdf', contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { ext: 'jpg', contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  {
    ext: 'png',
    contentType: 'image/png',
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
] as const

export type Proof = { bytes: Uint8Array; ext: string; contentType: string }

/**
 * A proof refused, with the sentence to show next to the field.
 */
export class ProofRefused extends Error {}

/**
 * The kind of a file from its first bytes, or null when it is none of
 * the accepted ones.
 */
export function detectProofKind(bytes: Uint8Array) {
  return KINDS.find((kind) => kind.magic.every((byte, index) => bytes[index] === byte)) ?? null
}

/**
 * Reads an uploaded proof and checks it (size, then content); throws
 * ProofRefused with a French message otherwise. Nothing is stored here.
 */
export async function readProof(file: MultipartFile): Promise<Proof> {
  const tooLarge =
    'Le justificatif dépasse 5 Mo : envoyez un fichier plus léger (une photo ou un scan réduit).'
  const wrongKind = 'Le justificatif doit être un fichier PDF, JPEG ou PNG.'
  if (!file.isValid) {
    throw new ProofRefused(
      file.errors.some((error) => error.type === 'size') ? tooLarge : wrongKind
    )
  }
  if (!file.tmpPath)
    throw new ProofRefused('Le justificatif n’a pas pu être lu : envoyez-le à nouveau.')
  if (file.size > PROOF_MAX_BYTES) throw new ProofRefused(tooLarge)
  const bytes = new Uint8Array(await readFile(file.tmpPath))
  if (bytes.length > PROOF_MAX_BYTES) throw new ProofRefused(tooLarge)
  if (!bytes.length) throw new ProofRefused('Le justificatif est vide.')
  const kind = detectProofKind(bytes)
  if (!kind) throw new ProofRefused(wrongKind)
  return { bytes, ext: kind.ext, contentType: kind.contentType }
}

/**
 * Stores a checked proof and gives its key.
 */
export async function storeProof(organizationId: number, proof: Proof) {
  const key = `attendance-proofs/${organizationId}/${randomUUID()}.${proof.ext}`
  await drive.use().put(key, proof.bytes, { contentType: proof.contentType })
  return key
}

/**
 * Removes a proof stored for a change that was then not saved. Never
 * throws: the caller is already handling the first error.
 */
export async function removeProof(key: string | null) {
  if (!key) return
  try {
    await drive.use().delete(key)
  } catch {
    // an orphan file is harmless; hiding the original error would not be
  }
}

/**
 * A stored proof ready to send, or null when the file is gone.
 */
export async function openProof(key: string) {
  const disk = drive.use()
  if (!(await disk.exists(key))) return null
  const ext = key.split('.').pop()?.toLowerCase()
  const kind = KINDS.find((candidate) => candidate.ext === ext)
  return {
    stream: await disk.getStream(key),
    contentType: kind?.contentType ?? 'application/octet-stream',
    filename: `justificatif.${kind?.ext ?? 'bin'}`,
  }
}

/**
 * The proof sent with a form, checked, or null when none was sent.
 */
export async function optionalProof(file: MultipartFile | null) {
  return file ? readProof(file) : null
}

/**
 * Sends a stored proof as an attachment: never displayed from the
 * application's own origin, never cached.
 */
export function sendProof(
  response: HttpContext['response'],
  file: NonNullable<Awaited<ReturnType<typeof openProof>>>
) {
  response.header('content-type', file.contentType)
  response.header('content-disposition', `attachment; filename="${file.filename}"`)
  response.header('x-content-type-options', 'nosniff')
  response.header('cache-control', 'private, no-store')
  return response.stream(file.stream)
}

/**
 * Why a proof cannot be downloaded: there is none, or its file is gone.
 */
export function missingProofMessage(key: string | null) {
  return key
    ? 'Le fichier du justificatif est introuvable : demandez-le à nouveau au ou à la stagiaire.'
    : 'Aucun justificatif n’est enregistré pour cette absence.'
}
