import TutorEvaluation from '#models/tutor_evaluation'
import Internship from '#models/internship'
import { hashToken } from '#actions/auth/issue_login_token'

export type TokenLookup =
  | { kind: 'invalid' }
  | { kind: 'expired'; evaluation: TutorEvaluation }
  | { kind: 'answered'; evaluation: TutorEvaluation; internship: Internship }
  | { kind: 'open'; evaluation: TutorEvaluation; internship: Internship }

/**
 * What a tutor's link leads to: nothing (unknown or altered token), an
 * expired request, an answered one, or the form to fill in. An answered
 * request says so even after its deadline.
 */
export async function findByToken(token: unknown): Promise<TokenLookup> {
  if (typeof token !== 'string' || !/^[\w-]{20,100}$/.test(token)) return { kind: 'invalid' }
  const evaluation = await TutorEvaluation.findBy('token_hash', hashToken(token))
  if (!evaluation) return { kind: 'invalid' }
  const internship = await Internship.query()
    .where('id', evaluation.internshipId)
    .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
    .preload('partnerCompany')
    .preload('tutor')
    .preload('organization')
    .first()
  if (!internship || internship.status === 'cancelled') return { kind: 'invalid' }
  if (evaluation.answeredAt || internship.evaluatedAt) {
    return { kind: 'answered', evaluation, internship }
  }
  if (evaluation.isExpired) return { kind: 'expired', evaluation }
  return { kind: 'open', evaluation, internship }
}
