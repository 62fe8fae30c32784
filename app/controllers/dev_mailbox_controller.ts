import { PARIS } from '#services/sql_time'
import { DateTime } from 'luxon'
import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import mailbox from '#services/mailbox'

/**
 * Development only (routes not registered in production): the messages the
 * `file` mailer stored under tmp/.
 */
export default class DevMailboxController {
  async index({ view }: HttpContext) {
    const mails = await mailbox.list()
    return view.render('pages/dev/mails/index', { mails, sentAt })
  }

  async show({ params, view }: HttpContext) {
    const mail = await findOrFail(params.id)
    return view.render('pages/dev/mails/show', { mail, sentAt })
  }

  /**
   * The message's own HTML, for the frame of the show page. Its policy
   * replaces the site's: inline styles (as mails have) but no script, no
   * form, sandboxed, and framed by this site only. Links open a new tab.
   */
  async html({ params, response }: HttpContext) {
    const mail = await findOrFail(params.id)
    response.header('Content-Security-Policy', MAIL_CSP)
    response.header('X-Frame-Options', 'SAMEORIGIN')
    response.header('Content-Type', 'text/html; charset=utf-8')
    return `<base target="_blank">${mail.html ?? ''}`
  }
}

const MAIL_CSP = [
  `default-src 'none'`,
  `style-src 'unsafe-inline'`,
  `img-src data: http: https:`,
  `font-src data: http: https:`,
  `frame-ancestors 'self'`,
  `sandbox allow-popups allow-popups-to-escape-sandbox`,
].join('; ')

async function findOrFail(id: string) {
  const mail = await mailbox.find(id)
  if (!mail) {
    throw new Exception('No such stored mail', { status: 404, code: 'E_NOT_FOUND' })
  }
  return mail
}

function sentAt(iso: string) {
  return DateTime.fromISO(iso).setZone(PARIS).toFormat('dd/MM/yyyy HH:mm:ss')
}
