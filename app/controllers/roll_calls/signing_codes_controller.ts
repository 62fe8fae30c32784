import type { HttpContext } from '@adonisjs/core/http'
import BuildSigningCodePage from '#actions/roll_calls/build_signing_code_page'
import { findRollCallSession } from '#actions/roll_calls/find_roll_call_session'

/**
 * The signing code of a session, shown to the room by its trainer
 * (`/formateur/seances/:id/code`) or by a coordinator
 * (`/coordination/seances/:id/code`).
 */
export default class SigningCodesController {
  async show({ auth, bouncer, params, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const classSession = await findRollCallSession(user, params.id)
    await bouncer.with('ClassSessionPolicy').authorize('takeRollCall', classSession)
    const page = await new BuildSigningCodePage().handle({
      session: classSession,
      user,
      auto: request.input('auto') === '1',
    })
    return view.render('pages/roll_calls/signing_code', page)
  }
}
