import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import router from '@adonisjs/core/services/router'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import User from '#models/user'
import type { ApplicationStatus } from '#enums/application_status'
import type { CohortStatus } from '#enums/cohort_status'
import { RecordEligibility } from '#actions/applications/check_eligibility'
import MoveApplication from '#actions/applications/move_application'
import {
  APPLICATION_STATUS_LABELS,
  eligibilityVerdict,
} from '#actions/applications/pipeline_labels'
import IssueLoginToken, { WELCOME_LINK_DAYS } from '#actions/auth/issue_login_token'
import WelcomeTraineeNotification from '#mails/welcome_trainee_notification'
import { appUrl } from '#config/app'
import { nowInParis, sqlDate } from '#services/sql_time'

/**
 * Applications a coordinator can still admit: open ones, and the waiting
 * list (when a place frees up).
 */
export const ADMISSIBLE_STATUSES: ApplicationStatus[] = [
  'submitted',
  'screening',
  'info_session',
  'interview',
  'waitlisted',
]

/**
 * Cohorts that still take people in.
 */
export const ADMITTING_COHORT_STATUSES: CohortStatus[] = ['planned', 'recruiting', 'running']

export type CohortPlaces = { taken: number; capacity: number; full: boolean; label: string }

/**
 * The places of a cohort: every enrollment takes one, except those who
 * dropped out. "12 places prises sur 15".
 */
export async function cohortPlaces(
  cohort: Pick<Cohort, 'id' | 'capacity'>,
  client: QueryClientContract = db.connection()
): Promise<CohortPlaces> {
  const [row] = await client
    .from('enrollments')
    .where('cohort_id', cohort.id)
    .whereNot('status', 'dropped_out')
    .count('* as total')
  const taken = Number(row.total)
  const placeWord = taken > 1 ? 'places prises' : 'place prise'
  return {
    taken,
    capacity: cohort.capacity,
    full: taken >= cohort.capacity,
    label: `${taken} ${placeWord} sur ${cohort.capacity}`,
  }
}

/**
 * How the trainee's account came about on admission:
 * - `created`: a new trainee account (no password: the welcome link signs in);
 * - `linked`: a trainee account of the organisation with that email and no
 *   trainee record yet now belongs to this trainee;
 * - `existing`: the trainee already had an account (an earlier cohort);
 * - `none`: no account (no email address).
 */
export type AccountOutcome = 'created' | 'linked' | 'existing' | 'none'

export type AdmissionResult =
  | {
      outcome: 'admitted'
      application: Application
      enrollment: Enrollment
      places: CohortPlaces
      account: AccountOutcome
      /** The address the welcome email went to, or null when none was sent. */
      welcomeSentTo: string | null
      /** Why no welcome email went out, in French, when none did. */
      noWelcomeReason: string | null
    }
  | {
      outcome: 'waitlisted'
      places: CohortPlaces
      /** False when the application already was on the waiting list. */
      moved: boolean
      message: string
    }
  | { outcome: 'refused'; reason: string }

type Params = {
  application: Application
  user: User
  note?: string | null
  /** The coordinator ticked "admettre malgré l’inéligibilité". */
  overrideIneligibility?: boolean
}

type Decision =
  | { outcome: 'refused'; reason: string }
  | Extract<AdmissionResult, { outcome: 'waitlisted' }>
  | {
      outcome: 'admitted'
      application: Application
      enrollment: Enrollment
      places: CohortPlaces
      account: AccountOutcome
      accountUser: User | null
      cohort: Cohort
      trainee: Trainee
    }

type AccountPlan =
  | { kind: 'existing'; user: User }
  | { kind: 'link'; user: User }
  | { kind: 'create'; email: string }
  | { kind: 'none' }
  | { kind: 'refused'; reason: string }

/**
 * Admits an applicant into the cohort they applied to.
 *
 * In ONE transaction, the cohort row locked (`FOR UPDATE` on PostgreSQL;
 * SQLite runs one writer at a time), so two admissions at once cannot
 * overfill it:
 * - refusals, writing nothing: the application is not open any more, the
 *   cohort is over, a possible duplicate person awaits a decision, the
 *   person is already enrolled, the applicant is ineligible and the
 *   coordinator did not tick the override, or the trainee's email belongs
 *   to an account that cannot be theirs;
 * - the cohort is full (enrollments other than dropped out ≥ capacity):
 *   the application moves to the waiting list through MoveApplication, in
 *   the same transaction, with a note saying why (its decision email goes
 *   out once committed); one already waiting stays there, nothing written;
 * - otherwise: the enrollment (`enrolled`, from the cohort's start, or
 *   today in Paris when it already started, to its end), the application
 *   `admitted` with a line of history (who, when, note), and the trainee's
 *   account: created (role trainee, no password) when they have none and
 *   have an email, or an existing trainee account of the organisation with
 *   that email and no trainee record linked to them.
 *
 * After the commit, a welcome email with a 7-day sign-in link is queued to
 * the account's address.
 */
export default class AdmitApplication {
  async handle({ application, user, note, overrideIneligibility = false }: Params) {
    const trx = await db.transaction()
    let decision: Decision
    try {
      decision = await this.decide(trx, { application, user, note, overrideIneligibility })
    } catch (error) {
      await trx.rollback()
      throw error
    }
    // A refusal, or a full cohort for an application already waiting,
    // leaves no trace, not even an eligibility checked on the way.
    const wrote =
      decision.outcome === 'admitted' || (decision.outcome === 'waitlisted' && decision.moved)
    if (wrote) await trx.commit()
    else await trx.rollback()

    if (decision.outcome !== 'admitted') return decision satisfies AdmissionResult

    const welcome = await this.welcome(decision)
    return {
      outcome: 'admitted',
      application: decision.application,
      enrollment: decision.enrollment,
      places: decision.places,
      account: decision.account,
      ...welcome,
    } satisfies AdmissionResult
  }

  private async decide(
    trx: TransactionClientContract,
    { application, user, note, overrideIneligibility }: Params
  ): Promise<Decision> {
    const refuse = (reason: string): Decision => ({ outcome: 'refused', reason })

    const cohort = await Cohort.query({ client: trx })
      .where('id', application.cohortId)
      .where('organization_id', application.organizationId)
      .forUpdate()
      .firstOrFail()
    const current = await Application.query({ client: trx })
      .where('id', application.id)
      .forUpdate()
      .firstOrFail()

    if (!ADMISSIBLE_STATUSES.includes(current.status)) {
      return refuse(
        `La candidature est « ${APPLICATION_STATUS_LABELS[current.status]} » : elle ne peut pas être admise.`
      )
    }
    if (!ADMITTING_COHORT_STATUSES.includes(cohort.status)) {
      return refuse('Cette promotion est terminée ou annulée : elle n’accueille plus personne.')
    }
    if (current.duplicateOfTraineeId) {
      return refuse(
        'Cette personne est peut-être déjà connue : dites d’abord si c’est la même personne (encadré « Personne déjà connue ? »).'
      )
    }

    // An application never checked (created before the check existed) is
    // checked now: an admission is never decided blind.
    if (!current.eligibility && current.eligible === null) {
      await new RecordEligibility().handle({ application: current, client: trx })
    }
    const ineligible = eligibilityVerdict(current) === 'ineligible'
    if (ineligible && !overrideIneligibility) {
      const reasons = current.eligibility?.reasons ?? []
      return refuse(
        `Cette personne n’est pas éligible${reasons.length ? ` (${reasons.join(' ; ')})` : ''}. Pour l’admettre quand même, cochez « Admettre malgré l’inéligibilité ».`
      )
    }

    const trainee = await Trainee.query({ client: trx })
      .where('id', current.traineeId)
      .forUpdate()
      .firstOrFail()
    const already = await Enrollment.query({ client: trx })
      .where('cohort_id', cohort.id)
      .where('trainee_id', trainee.id)
      .first()
    if (already) {
      return refuse('Cette personne a déjà une inscription dans cette promotion.')
    }

    const places = await cohortPlaces(cohort, trx)
    if (places.full) return this.waitlist(trx, current, user, note, places)

    const plan = await this.planAccount(trx, trainee)
    if (plan.kind === 'refused') return refuse(plan.reason)

    // Dates compared as calendar days: a cohort that already started is
    // joined today (Paris).
    const today = sqlDate(nowInParis())
    const startsOn = sqlDate(cohort.startsOn) < today ? DateTime.fromISO(today) : cohort.startsOn
    const enrollment = await Enrollment.create(
      {
        organizationId: cohort.organizationId,
        cohortId: cohort.id,
        traineeId: trainee.id,
        status: 'enrolled',
        startsOn,
        endsOn: cohort.endsOn,
      },
      { client: trx }
    )

    const from = current.status
    current.status = 'admitted'
    current.lastContactAt = DateTime.now()
    await current.save()
    const notes = [
      ineligible
        ? `Admise malgré l’inéligibilité (${(current.eligibility?.reasons ?? []).join(' ; ') || 'non éligible'}).`
        : null,
      note || null,
    ].filter(Boolean)
    await ApplicationStatusChange.create(
      {
        organizationId: current.organizationId,
        applicationId: current.id,
        fromStatus: from,
        toStatus: 'admitted',
        changedById: user.id,
        note: notes.length ? notes.join(' ') : null,
      },
      { client: trx }
    )

    let accountUser: User | null = null
    let account: AccountOutcome = 'none'
    if (plan.kind === 'existing') {
      accountUser = plan.user
      account = 'existing'
    } else if (plan.kind === 'link' || plan.kind === 'create') {
      accountUser =
        plan.kind === 'link'
          ? plan.user
          : await User.create(
              {
                organizationId: trainee.organizationId,
                fullName: trainee.fullName,
                email: plan.email,
                password: null,
                role: 'trainee',
                locale: 'fr',
                isActive: true,
              },
              { client: trx }
            )
      trainee.userId = accountUser.id
      await trainee.save()
      account = plan.kind === 'link' ? 'linked' : 'created'
    }

    return {
      outcome: 'admitted',
      application: current,
      enrollment,
      places: await cohortPlaces(cohort, trx),
      account,
      accountUser,
      cohort,
      trainee,
    }
  }

  /**
   * Which account the trainee signs in with, decided before anything is
   * written.
   */
  private async planAccount(
    trx: TransactionClientContract,
    trainee: Trainee
  ): Promise<AccountPlan> {
    if (trainee.userId) {
      const user = await User.find(trainee.userId, { client: trx })
      if (user) return { kind: 'existing', user }
    }
    const email = trainee.email?.trim().toLowerCase()
    if (!email) return { kind: 'none' }

    const owner = await User.query({ client: trx }).whereRaw('lower(email) = ?', [email]).first()
    if (!owner) return { kind: 'create', email }

    const refused = {
      kind: 'refused' as const,
      reason: `L’adresse e-mail ${email} est déjà celle d’un autre compte Cohorte. Rien n’a été enregistré : corrigez l’adresse de la personne, ou demandez à un administrateur.`,
    }
    if (
      owner.role !== 'trainee' ||
      owner.organizationId !== trainee.organizationId ||
      !owner.isActive
    ) {
      return refused
    }
    const taken = await Trainee.query({ client: trx }).where('user_id', owner.id).first()
    return taken ? refused : { kind: 'link', user: owner }
  }

  /**
   * A full cohort: the application goes to the waiting list (or stays on
   * it), with a note saying why, in the admission's transaction (the
   * cohort still locked); MoveApplication emails the decision once it is
   * committed.
   */
  private async waitlist(
    trx: TransactionClientContract,
    application: Application,
    user: User,
    note: string | null | undefined,
    places: CohortPlaces
  ): Promise<Decision> {
    const count = `${places.taken} ${places.taken > 1 ? 'places' : 'place'} sur ${places.capacity}`
    if (application.status === 'waitlisted') {
      return {
        outcome: 'waitlisted',
        places,
        moved: false,
        message: `La promotion est complète (${count}) : la candidature reste en liste d’attente.`,
      }
    }
    const moved = await new MoveApplication().handle({
      application,
      to: 'waitlisted',
      note: [
        `Promotion complète (${count}) : placée en liste d’attente au lieu d’être admise.`,
        note,
      ]
        .filter(Boolean)
        .join(' '),
      user,
      client: trx,
    })
    if (!moved.moved) return { outcome: 'refused', reason: moved.reason }
    return {
      outcome: 'waitlisted',
      places,
      moved: true,
      message: `La promotion est complète (${count}) : la candidature est placée en liste d’attente.`,
    }
  }

  /**
   * Queues the welcome email with a sign-in link valid for days, to the
   * account's address.
   */
  private async welcome(decision: Extract<Decision, { outcome: 'admitted' }>) {
    const { accountUser, cohort, trainee, enrollment } = decision
    if (!accountUser) {
      return {
        welcomeSentTo: null,
        noWelcomeReason:
          'Aucun compte n’a pu être créé : la personne n’a pas d’adresse e-mail. Elle ne reçoit donc pas d’e-mail de bienvenue.',
      }
    }
    if (!accountUser.isActive) {
      return {
        welcomeSentTo: null,
        noWelcomeReason:
          'Le compte de la personne est désactivé : aucun e-mail de bienvenue n’est parti.',
      }
    }

    await cohort.load('programme')
    await cohort.load('site')
    const token = await new IssueLoginToken().handle({ user: accountUser, kind: 'welcome' })
    const { site } = cohort
    await mail.sendLater(
      new WelcomeTraineeNotification({
        email: accountUser.email,
        name: trainee.fullName,
        cohortName: cohort.name,
        programmeTitle: cohort.programme?.title ?? null,
        startsOn: enrollment.startsOn.setLocale('fr').toFormat('cccc d LLLL yyyy'),
        siteName: site.name,
        siteAddress:
          [site.address, [site.postalCode, site.city].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', ') || null,
        url: appUrl + router.makeUrl('auth.magic_link.show', { token }),
        days: WELCOME_LINK_DAYS,
        newLinkUrl: appUrl + router.makeUrl('auth.magic_link.create'),
      })
    )
    return { welcomeSentTo: accountUser.email, noWelcomeReason: null }
  }
}
