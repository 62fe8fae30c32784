import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import type { MailersList, MessageBodyTemplates, NodeMailerMessage } from '@adonisjs/mail/types'
import { BaseJob, type JobOptions } from '#jobs/base_job'

export interface SendMailPayload {
  mailerName: string
  mailMessage: { message: NodeMailerMessage; views: MessageBodyTemplates }
  config?: unknown
}

/**
 * Sends a message queued by `mail.sendLater()` (see start/queue.ts), its
 * views already rendered into `html` and `text`.
 */
export default class SendMailJob extends BaseJob<SendMailPayload> {
  static jobName = 'send-mail'

  /**
   * A mail server that is down gets about a quarter of an hour:
   * 30 s, 1 min, 2 min, 4 min, 8 min.
   */
  static options: JobOptions = { attempts: 6, backoff: { type: 'exponential', delay: 30_000 } }

  async handle({ mailerName, mailMessage, config }: SendMailPayload) {
    await mail.use(mailerName as keyof MailersList).sendCompiled(mailMessage, config)
  }

  failed({ mailerName, mailMessage }: SendMailPayload) {
    const { to, subject } = mailMessage.message
    logger.error({ mailer: mailerName, to, subject }, 'mail given up after its last attempt')
  }
}
