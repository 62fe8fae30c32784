import type { HttpContext } from '@adonisjs/core/http'
import UpdateMySituation, { BuildMySituation } from '#actions/follow_ups/my_situation'
import * as wording from '#actions/follow_ups/follow_up_wording'
import { followUpMessages, selfReportValidator } from '#validators/follow_up'
import { refuse } from '#services/flash_refusal'

/**
 * "Ma situation": what the signed-in trainee declared after the training,
 * and a form to say what they do now.
 */
export default class SituationController {
  async show({ auth, view }: HttpContext) {
    const page = await new BuildMySituation().handle({ user: auth.getUserOrFail() })
    return view.render('pages/trainee/situation/show', { ...page, wording })
  }

  async update({ auth, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(selfReportValidator, {
      messagesProvider: followUpMessages,
    })
    const result = await new UpdateMySituation().handle({ user: auth.getUserOrFail(), payload })
    if (result.kind === 'in_training') {
      session.flash(
        'error',
        'Vous êtes encore en formation : votre situation vous sera demandée après la fin.'
      )
    } else if (result.kind === 'refused') {
      refuse(session, result.refusal.field, result.refusal.message)
    } else {
      session.flash('success', 'Merci, c’est enregistré.')
    }
    return response.redirect().toRoute('trainee.situation.show')
  }
}
