import Internship from '#models/internship'
import TutorEvaluation from '#models/tutor_evaluation'

/**
 * An internship of the given organisation with what the evaluation pages
 * show (404 for any other id).
 */
export async function findEvaluatedInternship(organizationId: number | null, id: unknown) {
  if (organizationId === null) throw new Error('A coordinator belongs to an organisation')
  return Internship.query()
    .where('organization_id', organizationId)
    .where('id', Number(id) || 0)
    .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
    .preload('partnerCompany')
    .preload('tutor')
    .preload('organization')
    .firstOrFail()
}

export function findRequest(internship: Internship) {
  return TutorEvaluation.query().where('internship_id', internship.id).first()
}
