import { BaseMail } from '@adonisjs/mail'

export type AttendanceAlertLine = {
  trainee: string
  what: string
  details: string
}

export type AttendanceAlertRecipient = {
  email: string
  name: string
  cohortName: string
  alerts: AttendanceAlertLine[]
  cohortUrl: string
  dashboardUrl: string
}

/**
 * Tells a coordinator, in one message per check, which trainees of a
 * cohort reached an attendance threshold. Only primitives: it may be
 * built by the job worker.
 */
export default class AttendanceAlertNotification extends BaseMail {
  subject: string

  constructor(private recipient: AttendanceAlertRecipient) {
    super()
    const count = recipient.alerts.length
    this.subject =
      count > 1
        ? `Présences : ${count} alertes pour ${recipient.cohortName}`
        : `Présences : une alerte pour ${recipient.cohortName}`
  }

  prepare() {
    const { email, name } = this.recipient
    this.message
      .to(email, name)
      .htmlView('emails/attendance_alert', this.recipient)
      .textView('emails/attendance_alert_text', this.recipient)
  }
}
