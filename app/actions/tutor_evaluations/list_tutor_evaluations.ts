import db from '@adonisjs/lucid/services/db'
import Internship from '#models/internship'
import TutorEvaluation from '#models/tutor_evaluation'
import { nowInParis } from '#services/sql_time'
import { formatDay } from '#actions/tutor_evaluations/tutor_evaluation_link'

/**
 * How far ahead an internship's end shows on the list, so the request
 * can be sent on the last days.
 */
export const ENDING_WITHIN_DAYS = 14

export type EvaluationRow = {
  internshipId: number
  traineeName: string
  companyName: string
  tutorName: string | null
  tutorEmail: string | null
  period: string
  stateLabel: string
  tone: 'neutral' | 'info' | 'warning' | 'success'
  detail: string | null
  canSend: boolean
  canRemind: boolean
  answered: boolean
}

/**
 * The coordinator's list of tutor evaluations for an organisation:
 * internships that took place and end within two weeks or ended (or whose
 * request went), with where their evaluation stands. Three queries,
 * whatever the number of internships.
 */
export default class ListTutorEvaluations {
  async handle(organizationId: number): Promise<EvaluationRow[]> {
    const horizon = nowInParis().plus({ days: ENDING_WITHIN_DAYS }).toISODate()!
    const internships = await Internship.query()
      .where('organization_id', organizationId)
      .whereNotIn('status', ['draft', 'cancelled'])
      .where((query) =>
        query
          .where('ends_on', '<=', horizon)
          .orWhereIn('id', db.from('tutor_evaluations').select('internship_id'))
      )
      .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
      .preload('partnerCompany')
      .preload('tutor')
      .orderBy('ends_on', 'desc')
      .orderBy('id', 'desc')
    const requests = await TutorEvaluation.query().whereIn(
      'internship_id',
      internships.map((internship) => internship.id)
    )
    const byInternship = new Map(requests.map((request) => [request.internshipId, request]))
    return internships.map((internship) => describe(internship, byInternship.get(internship.id)))
  }
}

function describe(internship: Internship, request: TutorEvaluation | undefined): EvaluationRow {
  const tutorEmail = internship.tutor?.email?.trim() || null
  const base = {
    internshipId: internship.id,
    traineeName: internship.enrollment.trainee.fullName,
    companyName: internship.partnerCompany.name,
    tutorName: internship.tutor?.fullName ?? null,
    tutorEmail,
    period: `du ${formatDay(internship.startsOn)} au ${formatDay(internship.endsOn)}`,
    canSend: false,
    canRemind: false,
    answered: false,
  }
  if (internship.evaluatedAt) {
    return {
      ...base,
      answered: true,
      stateLabel: 'Reçue',
      tone: 'success',
      detail: `Le ${formatDay(internship.evaluatedAt)}`,
    }
  }
  if (!request) {
    return {
      ...base,
      canSend: tutorEmail !== null,
      stateLabel: 'Pas envoyée',
      tone: 'neutral',
      detail: tutorEmail ? null : 'Pas de tuteur avec une adresse e-mail',
    }
  }
  const reminders = [request.reminder3SentAt, request.reminder10SentAt, request.manuallyRemindedAt]
    .filter((at) => at !== null)
    .map((at) => at!)
    .sort((a, b) => a.toMillis() - b.toMillis())
  const last = reminders.at(-1)
  const remind = { ...base, canRemind: true }
  if (request.isExpired) {
    return {
      ...remind,
      stateLabel: 'Lien expiré',
      tone: 'warning',
      detail: `Expiré le ${formatDay(request.expiresAt)}`,
    }
  }
  if (last) {
    return {
      ...remind,
      stateLabel: reminders.length > 1 ? `Relancée ${reminders.length} fois` : 'Relancée',
      tone: 'info',
      detail: `Dernière relance le ${formatDay(last)}`,
    }
  }
  return {
    ...remind,
    stateLabel: 'Envoyée',
    tone: 'info',
    detail: `Le ${formatDay(request.sentAt)}, réponse attendue avant le ${formatDay(request.expiresAt)}`,
  }
}
