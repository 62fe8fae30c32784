import mail from '@adonisjs/mail/services/main'
import Internship from '#models/internship'
import type TutorEvaluation from '#models/tutor_evaluation'
import TutorEvaluationRequestNotification from '#mails/tutor_evaluation_request_notification'
import { evaluationUrl, formatDay } from '#actions/tutor_evaluations/tutor_evaluation_link'

/**
 * Emails the request's link to the tutor, as a first request or a reminder.
 */
export async function mailTutor(evaluation: TutorEvaluation, kind: 'request' | 'reminder') {
  const internship = await Internship.query()
    .where('id', evaluation.internshipId)
    .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
    .preload('partnerCompany')
    .preload('tutor')
    .preload('organization')
    .firstOrFail()
  await mail.sendLater(
    new TutorEvaluationRequestNotification({
      email: evaluation.tutorEmail,
      tutorName: internship.tutor?.fullName ?? 'Madame, Monsieur',
      traineeName: internship.enrollment.trainee.fullName,
      companyName: internship.partnerCompany.name,
      organizationName: internship.organization.name,
      startsOn: formatDay(internship.startsOn),
      endsOn: formatDay(internship.endsOn),
      url: evaluationUrl(evaluation),
      deadline: formatDay(evaluation.expiresAt),
      kind,
    })
  )
}
