import db from '@adonisjs/lucid/services/db'
import type Enrollment from '#models/enrollment'
import Internship from '#models/internship'
import type { InternshipPayload } from '#validators/internship'
import { checkInternship, internshipColumns } from '#actions/internships/internship_rules'
import { EDITABLE_STATUSES } from '#actions/internships/internship_labels'

export type SaveResult =
  | { saved: true; internship: Internship }
  | { saved: false; errors: Record<string, string[]>; message?: string }

/**
 * Creates an internship for an enrollment (as a draft), or changes one
 * whose agreement is not signed yet. Nothing is written when a rule fails.
 */
export default class SaveInternship {
  async handle({
    enrollment,
    payload,
    internship = null,
  }: {
    enrollment: Enrollment
    payload: InternshipPayload
    internship?: Internship | null
  }): Promise<SaveResult> {
    if (internship && !EDITABLE_STATUSES.includes(internship.status)) {
      return {
        saved: false,
        errors: {},
        message:
          'La convention est signée : ce stage ne se modifie plus. Annulez-le et créez-en un autre (avenant) si ses conditions changent.',
      }
    }
    const errors = await checkInternship({
      enrollment,
      payload,
      internshipId: internship?.id ?? null,
    })
    if (Object.keys(errors).length) return { saved: false, errors }

    const saved = await db.transaction(async (trx) => {
      if (internship) {
        internship.useTransaction(trx)
        internship.merge(internshipColumns(payload))
        return internship.save()
      }
      return Internship.create(
        {
          ...internshipColumns(payload),
          organizationId: enrollment.organizationId,
          enrollmentId: enrollment.id,
          status: 'draft',
        },
        { client: trx }
      )
    })
    return { saved: true, internship: saved }
  }
}
