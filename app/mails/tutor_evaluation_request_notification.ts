import { BaseMail } from '@adonisjs/mail'

export type TutorEvaluationMailData = {
  email: string
  tutorName: string
  traineeName: string
  companyName: string
  organizationName: string
  startsOn: string
  endsOn: string
  url: string
  deadline: string
  /**
   * `request` for the first email, `reminder` for the ones after.
   */
  kind: 'request' | 'reminder'
}

/**
 * Asks an internship's tutor to evaluate the trainee through a link to a
 * short form (no account needed). Only primitives: built by the job worker
 * for reminders.
 */
export default class TutorEvaluationRequestNotification extends BaseMail {
  subject: string

  constructor(private data: TutorEvaluationMailData) {
    super()
    this.subject =
      data.kind === 'reminder'
        ? `Rappel : votre avis sur le stage de ${data.traineeName}`
        : `Votre avis sur le stage de ${data.traineeName}`
  }

  prepare() {
    this.message
      .to(this.data.email, this.data.tutorName)
      .htmlView('emails/tutor_evaluation_request', this.data)
      .textView('emails/tutor_evaluation_request_text', this.data)
  }
}
