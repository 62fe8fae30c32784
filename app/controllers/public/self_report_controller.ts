import type { HttpContext } from '@adonisjs/core/http'
import SubmitSelfReport, { findSelfReportLink } from '#actions/follow_ups/self_report'
import { followUpMessages, selfReportValidator } from '#validators/follow_up'
import {
  CHECKPOINT_LABELS,
  CONTRACT_OPTIONS,
  SITUATION_OPTIONS,
} from '#actions/follow_ups/follow_up_wording'
import { refuse } from '#services/flash_refusal'

/**
 * The former trainee's three questions, reached from the emailed link,
 * without an account. Unknown or altered link: 404; expired: 410; already
 * answered: a thank-you page (409 on a second submission, nothing
 * written).
 */
export default class SelfReportController {
  async show({ auth, params, response, view }: HttpContext) {
    await auth.check()
    const link = await findSelfReportLink(params.token)
    if (link.kind === 'invalid') return this.#invalid(response, view)
    if (link.kind === 'expired') return this.#expired(response, view)
    if (link.kind === 'answered') {
      return view.render('pages/public/self_report/answered', {
        organizationName: link.followUp.organization.name,
      })
    }
    const { followUp } = link
    return view.render('pages/public/self_report/form', {
      token: params.token,
      firstName: followUp.enrollment.trainee.firstName,
      cohortName: followUp.enrollment.cohort.name,
      organizationName: followUp.organization.name,
      checkpointLabel: CHECKPOINT_LABELS[followUp.checkpoint],
      situationOptions: SITUATION_OPTIONS,
      contractOptions: CONTRACT_OPTIONS,
    })
  }

  async store({ params, request, response, session, view }: HttpContext) {
    const link = await findSelfReportLink(params.token)
    if (link.kind === 'invalid') return this.#invalid(response, view)
    if (link.kind === 'expired') return this.#expired(response, view)
    if (link.kind === 'answered')
      return this.#reused(response, view, link.followUp.organization.name)

    const payload = await request.validateUsing(selfReportValidator, {
      messagesProvider: followUpMessages,
    })
    const result = await new SubmitSelfReport().handle({ token: params.token, payload })
    switch (result.kind) {
      case 'recorded':
        return response.redirect().toRoute('follow_ups.self_report.show', { token: params.token })
      case 'refused':
        refuse(session, result.refusal.field, result.refusal.message)
        return response.redirect().back()
      case 'invalid':
        return this.#invalid(response, view)
      case 'expired':
        return this.#expired(response, view)
      default:
        return this.#reused(response, view, link.followUp.organization.name)
    }
  }

  #invalid(response: HttpContext['response'], view: HttpContext['view']) {
    response.status(404)
    return view.render('pages/public/self_report/invalid')
  }

  #expired(response: HttpContext['response'], view: HttpContext['view']) {
    response.status(410)
    return view.render('pages/public/self_report/expired')
  }

  #reused(response: HttpContext['response'], view: HttpContext['view'], organizationName: string) {
    response.status(409)
    return view.render('pages/public/self_report/answered', { organizationName, reused: true })
  }
}
