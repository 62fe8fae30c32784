import { BaseMail } from '@adonisjs/mail'

export type FollowUpSurveyRecipient = {
  email: string
  firstName: string
  organizationName: string
  cohortName: string
  /** "3 mois", "6 mois", "12 mois" */
  delay: string
  url: string
  days: number
  reminder: boolean
}

/**
 * Asks a former trainee, months after the training, what they do today:
 * a link to a three-question page, no account needed. The same message,
 * marked as a reminder, goes once more a week later. Only primitives: the
 * job worker builds it.
 */
export default class FollowUpSurveyNotification extends BaseMail {
  subject: string

  constructor(private recipient: FollowUpSurveyRecipient) {
    super()
    this.subject = recipient.reminder
      ? `Rappel : que devenez-vous depuis la formation ?`
      : `Que devenez-vous depuis la formation ?`
  }

  prepare() {
    this.message
      .to(this.recipient.email)
      .htmlView('emails/follow_up_survey', this.recipient)
      .textView('emails/follow_up_survey_text', this.recipient)
  }
}
