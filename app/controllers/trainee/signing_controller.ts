import type { HttpContext } from '@adonisjs/core/http'
import BuildSigningPage from '#actions/roll_calls/build_signing_page'
import SignAttendance from '#actions/roll_calls/sign_attendance'
import { selfSigningMessages, selfSigningValidator } from '#validators/roll_call'

/**
 * "Signer ma présence": a trainee signs their presence at today's session
 * from their phone with the code the trainer shows.
 */
export default class SigningController {
  /**
   * Today's sessions and the code form; a QR code opens this page with
   * `?seance=<id>&code=<code>` and the code is filled in.
   */
  async show({ auth, request, view }: HttpContext) {
    const page = await new BuildSigningPage().handle({
      user: auth.getUserOrFail(),
      asked: { sessionId: request.input('seance'), code: request.input('code') },
    })
    return view.render('pages/trainee/sign', page)
  }

  async store({ auth, request, response, session }: HttpContext) {
    const { session_id: sessionId, code } = await request.validateUsing(selfSigningValidator, {
      messagesProvider: selfSigningMessages,
    })
    const result = await new SignAttendance().handle({
      user: auth.getUserOrFail(),
      sessionId,
      code,
      device: request.header('user-agent') ?? null,
      ip: request.ip(),
    })
    if (result.field) {
      session.flash('session_id', String(sessionId))
      session.flash('inputErrorsBag', { [result.field]: [result.message] })
    } else {
      session.flash(result.signed ? 'success' : 'error', result.message)
    }
    return response.redirect().toRoute('trainee.signing.show')
  }
}
