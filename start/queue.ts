/*
|--------------------------------------------------------------------------
| Jobs preload
|--------------------------------------------------------------------------
|
| `mail.sendLater()` goes through the job dispatcher as a SendMailJob. The
| views are rendered here, when the mail is queued: view data may hold
| models, and the job carries only the rendered message (plain JSON). A
| template error shows where the mail is sent from, not later in a worker.
|
| The dispatcher's Redis connection is closed when the application stops.
|
*/

import app from '@adonisjs/core/services/app'
import { Message } from '@adonisjs/mail'
import mail from '@adonisjs/mail/services/main'
import dispatcher from '#services/dispatcher'
import SendMailJob from '#jobs/send_mail_job'

mail.setMessenger((mailer) => ({
  async queue(mailMessage, config) {
    await Message.computeContentsFor(mailMessage)
    return dispatcher.dispatch(SendMailJob, {
      mailMessage: { message: mailMessage.message, views: {} },
      config,
      mailerName: mailer.name,
    })
  },
}))

app.terminating(async () => {
  await dispatcher.close()
})
