import { DateTime } from 'luxon'
import type Enrollment from '#models/enrollment'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import Internship from '#models/internship'
import ProgrammeModule from '#models/programme_module'
import type { InternshipPayload } from '#validators/internship'
import { COUNTED_STATUSES, formatHours } from '#actions/internships/internship_labels'

/**
 * The legal working week (Code du travail, L3121-27): a trainee at a
 * company is not asked for more than 35 hours a week.
 */
export const MAX_WEEKLY_HOURS = 35

export type FieldErrors = Record<string, string[]>

const day = (date: DateTime) => date.setLocale('fr').toFormat('dd/MM/yyyy')

/**
 * The last day a PMSMP starting on `startsOn` may end: one month per
 * agreement, the day before the same date next month.
 */
export function pmsmpLastDay(startsOn: DateTime) {
  return startsOn.plus({ months: 1 }).minus({ days: 1 })
}

/**
 * The internship-module hours the programme plans (0 when it has none).
 */
export async function plannedInternshipHours(programmeId: number) {
  const rows = await ProgrammeModule.query()
    .where('programme_id', programmeId)
    .where('kind', 'internship')
    .sum('planned_hours as total')
  return Number(rows[0].$extras.total ?? 0)
}

/**
 * Hours of the enrollment's other internships that count (not cancelled).
 */
async function otherInternshipHours(enrollmentId: number, exceptId: number | null) {
  const query = Internship.query()
    .where('enrollment_id', enrollmentId)
    .whereIn('status', COUNTED_STATUSES)
  if (exceptId) query.whereNot('id', exceptId)
  const rows = await query.sum('hours_total as total')
  return Number(rows[0].$extras.total ?? 0)
}

/**
 * Checks an internship's form against the rules between its fields and
 * with the enrollment, and gives French messages per field (empty when
 * everything holds):
 * - the company is one of the organisation's, the tutor one of its contacts;
 * - the last day is not before the first, both within the enrollment;
 * - a PMSMP names its prescriber and lasts one month at most;
 * - at most 35 h a week, and no more hours than the weeks allow at that pace;
 * - with the trainee's other internships, no more hours than the
 *   programme's internship modules plan (when it plans some).
 */
export async function checkInternship({
  enrollment,
  payload,
  internshipId = null,
}: {
  enrollment: Enrollment
  payload: InternshipPayload
  internshipId?: number | null
}) {
  const errors: FieldErrors = {}
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message]
  }

  const company = await PartnerCompany.query()
    .where('organization_id', enrollment.organizationId)
    .where('id', payload.partner_company_id)
    .first()
  if (!company) add('partner_company_id', 'Choisissez une entreprise de votre annuaire.')

  if (payload.tutor_contact_id) {
    const tutor = await CompanyContact.query()
      .where('organization_id', enrollment.organizationId)
      .where('id', payload.tutor_contact_id)
      .first()
    if (!tutor || (company && tutor.partnerCompanyId !== company.id)) {
      add(
        'tutor_contact_id',
        'Le tuteur ou la tutrice doit être un contact de l’entreprise choisie.'
      )
    }
  }

  if (payload.kind === 'pmsmp' && !payload.prescriber) {
    add(
      'prescriber',
      'Indiquez qui prescrit la PMSMP (France Travail, Mission Locale, Cap emploi…).'
    )
  }

  const startsOn = DateTime.fromISO(payload.starts_on)
  const endsOn = DateTime.fromISO(payload.ends_on)
  if (endsOn < startsOn) {
    add('ends_on', 'Le dernier jour doit être le premier jour ou après.')
  } else if (payload.kind === 'pmsmp' && endsOn > pmsmpLastDay(startsOn)) {
    add(
      'ends_on',
      `Une PMSMP dure au plus un mois par convention : dernier jour possible le ${day(pmsmpLastDay(startsOn))}.`
    )
  }

  const enrolledFrom = DateTime.fromISO(enrollment.startsOn.toISODate()!)
  const enrolledUntil = enrollment.endsOn ?? enrollment.cohort.endsOn
  const until = DateTime.fromISO(enrolledUntil.toISODate()!)
  if (startsOn < enrolledFrom) {
    add(
      'starts_on',
      `Le stage doit avoir lieu pendant la formation, qui commence le ${day(enrolledFrom)}.`
    )
  }
  if (endsOn > until) {
    add('ends_on', `Le stage doit avoir lieu pendant la formation, qui finit le ${day(until)}.`)
  }

  if (payload.weekly_hours > MAX_WEEKLY_HOURS) {
    add(
      'weekly_hours',
      `Au plus ${MAX_WEEKLY_HOURS} h par semaine : la durée légale du travail s’applique aussi en stage.`
    )
  } else if (endsOn >= startsOn) {
    const weeks = Math.ceil((endsOn.diff(startsOn, 'days').days + 1) / 7)
    const most = weeks * payload.weekly_hours
    if (payload.hours_total > most) {
      add(
        'hours_total',
        `Au plus ${formatHours(most)} de présence sur ${weeks} semaine${weeks > 1 ? 's' : ''} à ${formatHours(payload.weekly_hours)} par semaine.`
      )
    }
  }

  const planned = await plannedInternshipHours(enrollment.cohort.programmeId)
  if (planned > 0 && !errors.hours_total) {
    const others = await otherInternshipHours(enrollment.id, internshipId)
    if (others + payload.hours_total > planned) {
      add(
        'hours_total',
        `Le programme prévoit ${formatHours(planned)} de stage : ${formatHours(others)} sont déjà prévues pour ce ou cette stagiaire, il en reste ${formatHours(Math.max(planned - others, 0))}.`
      )
    }
  }

  return errors
}

/**
 * The columns an internship's form writes.
 */
export function internshipColumns(payload: InternshipPayload) {
  return {
    kind: payload.kind,
    partnerCompanyId: payload.partner_company_id,
    tutorContactId: payload.tutor_contact_id ?? null,
    prescriber: payload.kind === 'pmsmp' ? (payload.prescriber ?? null) : null,
    startsOn: DateTime.fromISO(payload.starts_on),
    endsOn: DateTime.fromISO(payload.ends_on),
    hoursTotal: payload.hours_total,
    weeklyHours: payload.weekly_hours,
    place: payload.place ?? null,
    tasks: payload.tasks ?? null,
    objectives: payload.objectives ?? null,
    evaluationMethod: payload.evaluation_method ?? null,
  }
}
