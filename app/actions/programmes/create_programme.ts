import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import type Organization from '#models/organization'
import Programme from '#models/programme'
import type { ProgrammePayload } from '#validators/programme'
import { programmeAttributes } from '#actions/programmes/programme_attributes'

/**
 * A new programme of the organisation, as a draft without modules. Its
 * slug comes from the title, unique within the organisation.
 */
export default class CreateProgramme {
  async handle({
    organization,
    payload,
  }: {
    organization: Organization
    payload: ProgrammePayload
  }) {
    return db.transaction(async (trx) => {
      const base =
        string.slug(payload.title, { lower: true, strict: true }).slice(0, 80) || 'programme'
      const taken = await Programme.query({ client: trx })
        .where('organization_id', organization.id)
        .where((query) => query.where('slug', base).orWhere('slug', 'like', `${base}-%`))
        .select('slug')
      const slugs = new Set(taken.map((programme) => programme.slug))
      let slug = base
      for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`

      return Programme.create(
        {
          ...programmeAttributes(payload),
          organizationId: organization.id,
          slug,
          status: 'draft',
        },
        { client: trx }
      )
    })
  }
}
