import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import type { FieldContext } from '@vinejs/vine/types'
import { siretRule } from '#validators/siret'

/**
 * What the company rules need besides the form: the organisation, and
 * the company being edited (its own SIRET is not a duplicate).
 */
export type CompanyValidationMeta = {
  organizationId: number
  companyId?: number | null
}

export const DUPLICATE_SIRET_MESSAGE =
  'Une entreprise avec ce numéro SIRET existe déjà dans l’annuaire.'

/**
 * One SIRET per organisation: a second record would split the company's
 * history in two.
 */
const siretNotTaken = vine.createRule(async (value, _options, field: FieldContext) => {
  if (typeof value !== 'string' || !field.isValid) return
  const meta = field.meta as CompanyValidationMeta
  const query = db
    .from('partner_companies')
    .where('organization_id', meta.organizationId)
    .where('siret', value)
  if (meta.companyId) query.whereNot('id', meta.companyId)
  if (await query.first()) field.report(DUPLICATE_SIRET_MESSAGE, 'siretTaken', field)
})

const optionalText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

/**
 * A partner company of the directory. The SIRET may be left empty (a
 * company abroad, or not known yet); when given, spaces are allowed and
 * its control key is checked.
 */
export const companyValidator = vine.withMetaData<CompanyValidationMeta>().compile(
  vine
    .object({
      name: vine.string().trim().minLength(2).maxLength(150),
      siret: vine.string().use(siretRule()).use(siretNotTaken()).nullable().optional(),
      sector: optionalText(100),
      address_line: optionalText(200),
      postal_code: vine
        .string()
        .trim()
        .postalCode({ countryCode: ['FR'] })
        .nullable()
        .optional(),
      city: optionalText(100),
      notes: vine.string().trim().maxLength(5000).nullable().optional(),
    })
    .toCamelCase()
)

export type CompanyInput = Infer<typeof companyValidator>

/**
 * A person at a partner company.
 */
export const contactValidator = vine.compile(
  vine
    .object({
      full_name: vine.string().trim().minLength(2).maxLength(150),
      role: optionalText(100),
      email: vine.string().trim().email().maxLength(254).nullable().optional(),
      phone: vine
        .string()
        .trim()
        .maxLength(20)
        .regex(/^[0-9+ ().-]{6,20}$/)
        .nullable()
        .optional(),
    })
    .toCamelCase()
)

export type ContactInput = Infer<typeof contactValidator>

/**
 * Deleting a company: the form carries a confirmation field, so a stray
 * request (or a form sent without it) deletes nothing.
 */
export const deleteConfirmationValidator = vine.compile(
  vine.object({ confirmation: vine.literal('supprimer') })
)
