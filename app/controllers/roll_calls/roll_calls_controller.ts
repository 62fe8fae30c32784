import type { HttpContext } from '@adonisjs/core/http'
import BuildRollCallPage from '#actions/roll_calls/build_roll_call_page'
import RecordRollCall from '#actions/roll_calls/record_roll_call'
import { findRollCallSession, rollCallArea } from '#actions/roll_calls/find_roll_call_session'
import { rollCallInput, rollCallMessages, rollCallValidator } from '#validators/roll_call'

/**
 * The roll call of a session, for its trainer (`/formateur/seances/:id/appel`)
 * and for coordinators and admins (`/coordination/seances/:id/appel`).
 */
export default class RollCallsController {
  /**
   * The expected trainees, one line each, prefilled with what is recorded.
   */
  async show({ auth, bouncer, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const classSession = await findRollCallSession(user, params.id)
    await bouncer.with('ClassSessionPolicy').authorize('takeRollCall', classSession)
    const page = await new BuildRollCallPage().handle({ session: classSession, user })
    return view.render('pages/roll_calls/show', page)
  }

  /**
   * Saves the whole roll call at once, or nothing with the reason why.
   */
  async store({ auth, bouncer, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const classSession = await findRollCallSession(user, params.id)
    await bouncer.with('ClassSessionPolicy').authorize('takeRollCall', classSession)
    const payload = await request.validateUsing(rollCallValidator, {
      messagesProvider: rollCallMessages,
    })
    const result = await new RecordRollCall().handle({
      session: classSession,
      user,
      input: rollCallInput(payload),
      ip: request.ip(),
    })

    if (result.saved) {
      session.flash('success', result.message)
    } else {
      session.flash(withoutLines(request.all(), result.staleKeys ?? []))
      session.flash('error', result.message)
      if (result.errors) session.flash('inputErrorsBag', result.errors)
    }
    return response.redirect().toRoute(`${rollCallArea(user)}.roll_call.show`, {
      id: classSession.id,
    })
  }
}

/**
 * The form as sent, to fill it in again, less the lines someone else
 * changed meanwhile: those show the value now recorded.
 */
function withoutLines(input: Record<string, any>, keys: string[]) {
  const rows = { ...(input.rows ?? {}) }
  for (const key of keys) delete rows[key]
  const rest = { ...input }
  delete rest._csrf
  return { ...rest, rows }
}
