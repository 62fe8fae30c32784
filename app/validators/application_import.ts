import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { APPLICATION_SOURCES } from '#enums/application_source'
import {
  IMPORT_FIELD_KEYS,
  type ImportChoices,
  type ImportFieldKey,
  type ImportMapping,
} from '#actions/applications/import/import_fields'

/**
 * A column of the file, by its index ("0" is column A), or "" for "not
 * in the file".
 */
const column = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{0,3}$/)
    .optional()

/**
 * The choices of the mapping page, sent to the preview (GET) and to the
 * import (POST): the stored upload (a uuid: the key on the disk is built
 * from it server-side), a column per Cohorte field, the origin given to
 * rows without one. Only the shapes are checked here; whether the
 * choices are complete and fit the file (a required field without a
 * column, an unknown origin) is said by checkImportChoices, next to the
 * fields of the mapping page.
 */
export const importChoicesValidator = vine.compile(
  vine.object({
    upload: vine.string().trim().uuid(),
    source: vine
      .string()
      .trim()
      .regex(/^[a-z_]{0,40}$/)
      .optional(),
    columns: vine
      .object(
        Object.fromEntries(IMPORT_FIELD_KEYS.map((key) => [key, column()])) as Record<
          ImportFieldKey,
          ReturnType<typeof column>
        >
      )
      .optional(),
  })
)

export type ImportChoicesPayload = Infer<typeof importChoicesValidator>

/**
 * The payload as ImportChoices (columns as numbers, unmapped fields left
 * out).
 */
export function importChoicesFrom(payload: ImportChoicesPayload): ImportChoices {
  const mapping: ImportMapping = {}
  for (const key of IMPORT_FIELD_KEYS) {
    const value = payload.columns?.[key]
    if (value) mapping[key] = Number(value)
  }
  const source = APPLICATION_SOURCES.find((known) => known === payload.source) ?? null
  return { mapping, source }
}

/**
 * ImportChoices as the query string or hidden fields that carry them
 * from one step to the next.
 */
export function importChoicesQuery(upload: string, { mapping, source }: ImportChoices) {
  const columns: Record<string, string> = {}
  for (const key of IMPORT_FIELD_KEYS) {
    if (mapping[key] !== undefined) columns[key] = String(mapping[key])
  }
  return { upload, ...(source ? { source } : {}), columns }
}
