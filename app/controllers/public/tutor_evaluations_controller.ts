import type { HttpContext } from '@adonisjs/core/http'
import { findByToken, type TokenLookup } from '#actions/tutor_evaluations/find_by_token'
import SubmitTutorEvaluation, {
  TutorEvaluationAlreadyAnswered,
  TutorEvaluationExpired,
} from '#actions/tutor_evaluations/submit_tutor_evaluation'
import { tutorEvaluationMessages, tutorEvaluationValidator } from '#validators/tutor_evaluation'
import {
  CONTRACT_TYPE_NAMES,
  EVALUATION_SKILLS,
  HIRE_ANSWERS,
  NOT_OBSERVED,
  RATING_LEVELS,
} from '#enums/tutor_evaluation'
import { formatDay } from '#actions/tutor_evaluations/tutor_evaluation_link'

/**
 * The tutor's evaluation form, reached through the emailed link, without
 * an account. An unknown or altered link answers 404 and an expired one
 * 410, each with a plain page (also when the deadline passes while the
 * form is being filled in); a second submission answers 409 and keeps the
 * first answers.
 */
export default class TutorEvaluationsController {
  async show({ auth, params, response, view }: HttpContext) {
    await auth.check()
    const found = await findByToken(params.token)
    if (found.kind !== 'open') return this.closed(found, response, view, 200)
    return view.render('pages/public/tutor_evaluation/form', {
      ...formChoices(),
      token: params.token,
      internship: found.internship,
      startsOn: formatDay(found.internship.startsOn),
      endsOn: formatDay(found.internship.endsOn),
      deadline: formatDay(found.evaluation.expiresAt),
    })
  }

  async store({ params, request, response, view }: HttpContext) {
    const found = await findByToken(params.token)
    if (found.kind !== 'open') return this.closed(found, response, view, 409)
    const payload = await request.validateUsing(tutorEvaluationValidator, {
      messagesProvider: tutorEvaluationMessages,
    })
    try {
      await new SubmitTutorEvaluation().handle({
        evaluation: found.evaluation,
        payload,
        ip: request.ip(),
      })
    } catch (error) {
      if (error instanceof TutorEvaluationExpired) {
        return this.closed({ kind: 'expired', evaluation: found.evaluation }, response, view, 409)
      }
      if (!(error instanceof TutorEvaluationAlreadyAnswered)) throw error
      return this.closed({ ...found, kind: 'answered' }, response, view, 409)
    }
    return response.redirect().toRoute('tutor_evaluation.show', { token: params.token })
  }

  /**
   * The page for a link that no longer leads to the form.
   */
  private closed(
    found: Exclude<TokenLookup, { kind: 'open' }>,
    response: HttpContext['response'],
    view: HttpContext['view'],
    answeredStatus: number
  ) {
    if (found.kind === 'invalid') {
      response.status(404)
      return view.render('pages/public/tutor_evaluation/invalid')
    }
    if (found.kind === 'expired') {
      response.status(410)
      return view.render('pages/public/tutor_evaluation/expired')
    }
    response.status(answeredStatus)
    return view.render('pages/public/tutor_evaluation/answered', {
      internship: found.internship,
      organizationName: found.internship.organization.name,
    })
  }
}

/**
 * The form's choices, in the order they are read.
 */
export function formChoices() {
  const scale = RATING_LEVELS.map((level) => ({ value: String(level.value), label: level.label }))
  return {
    scale,
    skillScale: [...scale, { value: String(NOT_OBSERVED), label: 'Je n’ai pas pu l’observer' }],
    skills: EVALUATION_SKILLS,
    hireAnswers: HIRE_ANSWERS,
    contractTypes: Object.entries(CONTRACT_TYPE_NAMES).map(([value, label]) => ({
      value,
      label,
    })),
  }
}
