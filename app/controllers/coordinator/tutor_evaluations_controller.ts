import type { HttpContext } from '@adonisjs/core/http'
import { findEvaluatedInternship, findRequest } from '#actions/tutor_evaluations/find_internship'
import ListTutorEvaluations from '#actions/tutor_evaluations/list_tutor_evaluations'
import SendTutorEvaluation, {
  TutorEvaluationRefused,
} from '#actions/tutor_evaluations/send_tutor_evaluation'
import RemindTutorEvaluation from '#actions/tutor_evaluations/remind_tutor_evaluation'
import { formatDay } from '#actions/tutor_evaluations/tutor_evaluation_link'
import {
  CONTRACT_TYPE_NAMES,
  EVALUATION_SKILLS,
  HIRE_ANSWERS,
  ratingLabel,
  type TutorEvaluationAnswers,
} from '#enums/tutor_evaluation'
import { buildTutorEvaluationFormPdf } from '#exports/tutor_evaluation_form_pdf'
import { fileSlug, streamPdf } from '#exports/pdf_document'

/**
 * Tutor evaluations for coordinators and admins: which internships await
 * theirs, sending the request and reminding, reading the answers, and the
 * blank paper form.
 */
export default class TutorEvaluationsController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const rows = await new ListTutorEvaluations().handle(user.organizationId!)
    return view.render('pages/coordinator/tutor_evaluations/index', { rows })
  }

  async show({ auth, params, view }: HttpContext) {
    const internship = await findEvaluatedInternship(auth.getUserOrFail().organizationId, params.id)
    const request = await findRequest(internship)
    const answers = internship.evaluation as Partial<TutorEvaluationAnswers> | null
    return view.render('pages/coordinator/tutor_evaluations/show', {
      internship,
      period: `du ${formatDay(internship.startsOn)} au ${formatDay(internship.endsOn)}`,
      answeredOn: internship.evaluatedAt ? formatDay(internship.evaluatedAt) : null,
      sentOn: request ? formatDay(request.sentAt) : null,
      answers: answers
        ? {
            attendance: ratingLabel(answers.attendance),
            skills: EVALUATION_SKILLS.map((skill) => ({
              label: skill.label,
              value: ratingLabel(answers.skills?.[skill.key]),
            })),
            comments: answers.comments ?? null,
            wouldHire:
              HIRE_ANSWERS.find((answer) => answer.value === answers.wouldHire)?.label ?? '—',
            contractType: answers.contractType ? CONTRACT_TYPE_NAMES[answers.contractType] : null,
            byLink: answers.source === 'tutor_link',
          }
        : null,
    })
  }

  async send({ auth, params, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const internship = await findEvaluatedInternship(user.organizationId, params.id)
    try {
      await new SendTutorEvaluation().handle({ internship, user })
      session.flash(
        'success',
        `Demande envoyée à ${internship.tutor?.fullName} pour le stage de ${internship.enrollment.trainee.fullName}.`
      )
    } catch (error) {
      if (!(error instanceof TutorEvaluationRefused)) throw error
      session.flash('error', error.message)
    }
    return response.redirect().toRoute('coordinator.tutor_evaluations.index')
  }

  async remind({ auth, params, response, session }: HttpContext) {
    const internship = await findEvaluatedInternship(auth.getUserOrFail().organizationId, params.id)
    try {
      await new RemindTutorEvaluation().handle({ internship })
      session.flash('success', `Relance envoyée à ${internship.tutor?.fullName ?? 'au tuteur'}.`)
    } catch (error) {
      if (!(error instanceof TutorEvaluationRefused)) throw error
      session.flash('error', error.message)
    }
    return response.redirect().toRoute('coordinator.tutor_evaluations.index')
  }

  async blankForm({ auth, params, response }: HttpContext) {
    const internship = await findEvaluatedInternship(auth.getUserOrFail().organizationId, params.id)
    const traineeName = internship.enrollment.trainee.fullName
    const doc = buildTutorEvaluationFormPdf({
      organizationName: internship.organization.name,
      traineeName,
      companyName: internship.partnerCompany.name,
      tutorName: internship.tutor?.fullName ?? null,
      period: `du ${formatDay(internship.startsOn)} au ${formatDay(internship.endsOn)}`,
    })
    return streamPdf(response, doc, `evaluation-stage-${fileSlug(traineeName)}.pdf`)
  }
}
