import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import { FileMailTransport } from '#services/file_mail_transport'

/**
 * Where the `file` mailer writes messages (read by /dev/mails and by tests
 * through app/services/mailbox.ts). Tests use their own folder, so a test
 * run never empties a developer's mailbox. MAILBOX_DIR (under tmp/) picks
 * another folder, for two test runs side by side.
 */
export const mailboxDirectory = app.tmpPath(
  env.get('MAILBOX_DIR') || (app.inTest ? 'mails-test' : 'mails')
)

const smtpPort = env.get('SMTP_PORT', 587)
const smtpUser = env.get('SMTP_USERNAME')

const mailConfig = defineConfig({
  /**
   * `file` in development and tests, `smtp` in production.
   * `mail.sendLater()` goes through the job dispatcher (start/queue.ts).
   */
  default: env.get('MAIL_MAILER', 'file'),

  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@cohorte.local'),
    name: env.get('MAIL_FROM_NAME', 'Cohorte'),
  },

  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: smtpPort,
      secure: smtpPort === 465,
      auth: smtpUser
        ? { type: 'login', user: smtpUser, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),

    file: () => new FileMailTransport({ directory: mailboxDirectory }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
