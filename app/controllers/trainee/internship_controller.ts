import type { HttpContext } from '@adonisjs/core/http'
import Internship from '#models/internship'
import Trainee from '#models/trainee'
import {
  KIND_LABELS,
  STATUS_LABELS,
  WHAT_TO_BRING,
  formatHours,
} from '#actions/internships/internship_labels'

/**
 * "Mon stage": the signed-in trainee's own internships once the agreement
 * has left (drafts and cancelled ones are not shown), with where to go,
 * whom to ask for and what to bring.
 */
export default class InternshipController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const trainee = await Trainee.query()
      .where('user_id', user.id)
      .where('organization_id', user.organizationId ?? 0)
      .first()
    const internships = trainee
      ? await Internship.query()
          .where('organization_id', trainee.organizationId)
          .whereHas('enrollment', (enrollment) => enrollment.where('trainee_id', trainee.id))
          .whereIn('status', ['agreement_sent', 'signed', 'ongoing', 'completed'])
          .preload('partnerCompany')
          .preload('tutor')
          .orderBy('starts_on', 'desc')
      : []
    return view.render('pages/trainee/internship', {
      internships: internships.map((internship) => ({
        internship,
        company: internship.partnerCompany,
        tutor: internship.tutor,
        kindLabel: KIND_LABELS[internship.kind],
        statusLabel: STATUS_LABELS[internship.status],
        hours: formatHours(internship.hoursTotal),
        weeklyHours: formatHours(internship.weeklyHours),
      })),
      whatToBring: WHAT_TO_BRING,
    })
  }
}
