import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Application from '#models/application'
import Trainee from '#models/trainee'
import type User from '#models/user'
import { RecordEligibility } from '#actions/applications/check_eligibility'
import { changedFields, recordAudit } from '#services/audit'
import { sqlDateTime } from '#services/sql_time'

/**
 * The audit actions of a coordinator's answer to "Personne déjà connue ?",
 * written on the application (`subject_type` 'applications').
 */
export const DUPLICATE_CONFIRMED = 'application.duplicate_confirmed'
export const DUPLICATE_DISMISSED = 'application.duplicate_dismissed'

/**
 * The facts a newer application refreshes on the known person, with the
 * words the page uses for them.
 */
export const REFRESHED_FIELD_LABELS: Record<string, string> = {
  email: 'adresse e-mail',
  phone: 'téléphone',
  address_line: 'adresse',
  postal_code: 'code postal',
  city: 'ville',
  qualification_level: 'niveau de diplôme',
  job_seeker: 'demandeur ou demandeuse d’emploi',
  job_seeker_since: 'inscription à France Travail depuis',
  france_travail_id: 'identifiant France Travail',
  prescriber: 'prescripteur',
  rqth: 'RQTH',
  birth_date: 'date de naissance',
  sex: 'sexe',
}

/**
 * What the audit keeps of health data: that it changed, never its value.
 */
const MASKED = '(donnée de santé, non recopiée)'

export type DuplicateDecision =
  | { done: true; known: Trainee; refreshed: string[]; provisionalDeleted: boolean }
  | { done: false; reason: string }

type Params = {
  application: Application
  /** The known person the page showed: a stale page is refused. */
  knownTraineeId: number
  user: User
  ip?: string | null
}

/**
 * The facts of a trainee the refresh compares, as plain values.
 */
function snapshot(trainee: Trainee) {
  return {
    email: trainee.email,
    phone: trainee.phone,
    address_line: trainee.addressLine,
    postal_code: trainee.postalCode,
    city: trainee.city,
    qualification_level: trainee.qualificationLevel,
    job_seeker: trainee.jobSeeker,
    job_seeker_since: trainee.jobSeekerSince?.toISODate() ?? null,
    france_travail_id: trainee.franceTravailId,
    prescriber: trainee.prescriber,
    rqth: trainee.rqth,
    birth_date: trainee.birthDate?.toISODate() ?? null,
    sex: trainee.sex,
  }
}

/**
 * The newer application's answers copied onto the known person:
 * - contact and situation facts, where the newer record gives them:
 *   email, phone, address, postal code, city, qualification level, France
 *   Travail id, prescriber;
 * - job seeker status as a whole (the form always answers it), with its
 *   date only while a job seeker;
 * - RQTH only when the person answered yes (with consent) or no: "prefer
 *   not to say" keeps what was known;
 * - identity (names, birth date, sex) is kept: the match rests on it; a
 *   missing birth date or sex is filled in.
 * QPV, ZRR, NEET, RSA and payer are not asked by the form and stay as known.
 */
function refreshKnown(known: Trainee, newer: Trainee) {
  const given = <T>(value: T | null | undefined, fallback: T) =>
    value === null || value === undefined || value === '' ? fallback : value
  known.merge({
    email: given(newer.email, known.email),
    phone: given(newer.phone, known.phone),
    addressLine: given(newer.addressLine, known.addressLine),
    postalCode: given(newer.postalCode, known.postalCode),
    city: given(newer.city, known.city),
    qualificationLevel: given(newer.qualificationLevel, known.qualificationLevel),
    franceTravailId: given(newer.franceTravailId, known.franceTravailId),
    prescriber: given(newer.prescriber, known.prescriber),
    jobSeeker: newer.jobSeeker,
    jobSeekerSince: newer.jobSeeker
      ? given(newer.jobSeekerSince, known.jobSeeker ? known.jobSeekerSince : null)
      : null,
    birthDate: known.birthDate ?? newer.birthDate,
    sex: known.sex ?? newer.sex,
  })
  if (newer.rqth !== 'undisclosed') {
    known.merge({ rqth: newer.rqth, rqthConsentAt: newer.rqthConsentAt })
  }
}

/**
 * "C'est la même personne": the coordinator confirms that an application
 * flagged as coming from someone already known is theirs.
 *
 * In one transaction:
 * - every application of the provisional trainee (the one the form
 *   created) now belongs to the known trainee, its flag cleared, and its
 *   eligibility is checked again on the known person's facts; other
 *   applications flagged against the provisional trainee point at the
 *   known one instead;
 * - the known trainee's facts are refreshed from the provisional one (see
 *   refreshKnown) when this application is at least as recent as every
 *   application the known person already has, so an older application
 *   confirmed late never overwrites newer answers;
 * - the provisional trainee is deleted when nothing else is attached to it
 *   (no enrollment, no account);
 * - an audit event on the application says who decided, when, and what
 *   changed (health data masked).
 *
 * Refused, writing nothing, when the application is no longer flagged or
 * the flag points at someone else than the page showed.
 */
export default class ConfirmDuplicate {
  async handle({ application, knownTraineeId, user, ip }: Params): Promise<DuplicateDecision> {
    return db.transaction(async (trx) => {
      const current = await Application.query({ client: trx })
        .where('id', application.id)
        .forUpdate()
        .firstOrFail()
      const refusal = staleRefusal(current, knownTraineeId)
      if (refusal) return { done: false, reason: refusal }

      const known = await Trainee.query({ client: trx })
        .where('id', knownTraineeId)
        .where('organization_id', current.organizationId)
        .forUpdate()
        .first()
      if (!known) {
        return { done: false, reason: 'La personne déjà connue n’existe plus dans Cohorte.' }
      }
      const provisional = await Trainee.query({ client: trx })
        .where('id', current.traineeId)
        .forUpdate()
        .firstOrFail()

      const newestKnown = await Application.query({ client: trx })
        .where('trainee_id', known.id)
        .max('created_at as newest')
        .first()
      const newest = newestKnown?.$extras.newest ? toDateTime(newestKnown.$extras.newest) : null
      const before = snapshot(known)
      if (!newest || current.createdAt >= newest) refreshKnown(known, provisional)
      await known.useTransaction(trx).save()
      const changes = changedFields(before, snapshot(known)) ?? {}
      if (changes.rqth) changes.rqth = { from: MASKED, to: MASKED }

      const moved = await this.moveApplications(trx, provisional, known)
      const provisionalDeleted = await this.deleteIfEmpty(trx, provisional)

      await recordAudit(trx, [
        {
          organizationId: current.organizationId,
          userId: user.id,
          action: DUPLICATE_CONFIRMED,
          subjectType: 'applications',
          subjectId: current.id,
          changes: {
            trainee_id: { from: provisional.id, to: known.id },
            duplicate_of_trainee_id: { from: known.id, to: null },
            ...(moved.length > 1 ? { applications_moved: { from: null, to: moved } } : {}),
            ...changes,
          },
          ip: ip ?? null,
        },
      ])
      return { done: true, known, refreshed: Object.keys(changes), provisionalDeleted }
    })
  }

  /**
   * The provisional trainee's applications go to the known one, and are
   * checked again against their cohorts' rules.
   */
  private async moveApplications(
    trx: TransactionClientContract,
    provisional: Trainee,
    known: Trainee
  ) {
    const applications = await Application.query({ client: trx }).where(
      'trainee_id',
      provisional.id
    )
    const now = sqlDateTime(DateTime.now())
    await Application.query({ client: trx })
      .where('trainee_id', provisional.id)
      .update({ trainee_id: known.id, duplicate_of_trainee_id: null, updated_at: now })
    // Flags raised against the provisional record now concern the known person.
    await Application.query({ client: trx })
      .where('duplicate_of_trainee_id', provisional.id)
      .where('trainee_id', known.id)
      .update({ duplicate_of_trainee_id: null, updated_at: now })
    await Application.query({ client: trx })
      .where('duplicate_of_trainee_id', provisional.id)
      .update({ duplicate_of_trainee_id: known.id, updated_at: now })

    for (const application of applications) {
      application.traineeId = known.id
      application.duplicateOfTraineeId = null
      await new RecordEligibility().handle({ application, client: trx })
    }
    return applications.map((application) => application.id)
  }

  private async deleteIfEmpty(trx: TransactionClientContract, provisional: Trainee) {
    if (provisional.userId) return false
    const enrollment = await trx.from('enrollments').where('trainee_id', provisional.id).first()
    if (enrollment) return false
    await provisional.useTransaction(trx).delete()
    return true
  }
}

/**
 * Why a decision on a possible duplicate cannot be made any more.
 */
export function staleRefusal(application: Application, knownTraineeId: number) {
  if (!application.duplicateOfTraineeId) {
    return 'Cette candidature n’attend plus de décision : la question « Personne déjà connue ? » est déjà réglée.'
  }
  if (application.duplicateOfTraineeId !== knownTraineeId) {
    return 'La personne proposée a changé depuis l’affichage de la page : vérifiez de nouveau.'
  }
  return null
}

/**
 * A timestamp read raw from SQLite (text) or PostgreSQL (Date).
 */
function toDateTime(value: unknown) {
  if (value instanceof Date) return DateTime.fromJSDate(value)
  const text = String(value)
  const parsed = DateTime.fromSQL(text, { zone: 'utc' })
  return parsed.isValid ? parsed : DateTime.fromISO(text, { zone: 'utc' })
}
