import mail from '@adonisjs/mail/services/main'
import Application from '#models/application'
import type User from '#models/user'
import type { ApplicationStatus } from '#enums/application_status'
import ApplicationDecisionNotification, {
  type EmailedDecision,
} from '#mails/application_decision_notification'

/**
 * The decisions the applicant hears about from this action. Admission is
 * not one: the admission sends its own welcome email.
 */
export function isEmailedDecision(status: ApplicationStatus): status is EmailedDecision {
  return status === 'waitlisted' || status === 'rejected'
}

/**
 * Tells an applicant, in plain French, that their application is on the
 * waiting list or refused, with the staff member who decided as contact
 * (and reply-to address). Does nothing when the applicant gave no email
 * address; says whether a message was queued.
 */
export default class SendDecisionEmail {
  async handle({
    applicationId,
    decision,
    sender,
  }: {
    applicationId: number
    decision: EmailedDecision
    sender: User
  }): Promise<boolean> {
    const application = await Application.query()
      .where('id', applicationId)
      .preload('trainee')
      .preload('organization')
      .preload('cohort', (cohort) => cohort.preload('programme'))
      .firstOrFail()
    const trainee = application.trainee
    if (!trainee.email) return false

    await mail.sendLater(
      new ApplicationDecisionNotification({
        decision,
        email: trainee.email,
        name: trainee.fullName,
        cohortName: application.cohort.name,
        programmeTitle: application.cohort.programme?.title ?? null,
        organizationName: application.organization.name,
        contactName: sender.fullName,
        contactEmail: sender.email,
      })
    )
    return true
  }
}
