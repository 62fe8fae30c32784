import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import Organization from '#models/organization'
import type User from '#models/user'
import { INVITATION_WORDING, type InvitationKind } from '#enums/invitation_kind'
import MoveApplication from '#actions/applications/move_application'
import { APPLICATION_STATUS_LABELS } from '#actions/applications/pipeline_labels'
import { frenchTime } from '#actions/sessions/session_wording'
import InvitationNotification from '#mails/invitation_notification'
import { PARIS } from '#services/sql_time'

export type Meeting = {
  /** The moment, in any zone: always said in Paris time. */
  startsAt: DateTime
  location: string
  message: string | null
}

export type InvitationResult =
  { invited: true; count: number; withoutEmail: string[] } | { invited: false; reason: string }

/**
 * Thrown inside the transaction to roll back every invitation already
 * written when one of them is refused.
 */
class InvitationRefused extends Error {}

/**
 * Invites applications of one organisation (optionally: of one cohort) to
 * an information session or an interview, all or nothing, in one
 * transaction: each application moves to that status through
 * MoveApplication's rules, or, when it is already there, is invited again;
 * either way the history note says to what, when and where ("Invitée à la
 * réunion d’information du 3 décembre 2026 à 9 h 30, Centre …"). When one
 * id is unknown or one move is refused, nothing is written and the reason
 * comes back in French. Once committed, each applicant with an email
 * address gets the invitation by email.
 */
export default class InviteApplications {
  async handle({
    organizationId,
    cohortId = null,
    applicationIds,
    kind,
    meeting,
    user,
  }: {
    organizationId: number
    cohortId?: number | null
    applicationIds: number[]
    kind: InvitationKind
    meeting: Meeting
    user: User
  }): Promise<InvitationResult> {
    const note = invitationNote(kind, meeting)
    try {
      return await db.transaction(async (trx) => {
        const applications = await Application.query({ client: trx })
          .where('organization_id', organizationId)
          .whereIn('id', applicationIds)
          .if(cohortId, (query) => query.where('cohort_id', cohortId!))
          .preload('trainee')
          .preload('cohort', (cohort) => cohort.preload('programme'))
        if (!applicationIds.length || applications.length !== new Set(applicationIds).size) {
          throw new InvitationRefused(
            'Certaines candidatures cochées ne sont pas dans cette promotion. Aucune invitation n’est envoyée.'
          )
        }

        const refused: { application: Application; reason: string }[] = []
        for (const application of applications) {
          const reason = await this.#invite(trx, application, kind, note, user)
          if (reason) refused.push({ application, reason })
        }
        if (refused.length) throw new InvitationRefused(refusalMessage(kind, refused, applications))

        trx.after('commit', () => this.#email(applications, kind, meeting, user))
        return {
          invited: true as const,
          count: applications.length,
          withoutEmail: applications
            .filter((application) => !application.trainee.email)
            .map((application) => application.trainee.fullName),
        }
      })
    } catch (error) {
      if (error instanceof InvitationRefused) return { invited: false, reason: error.message }
      throw error
    }
  }

  /**
   * Moves the application to the invitation's status, or records a new
   * invitation when it is there already. The reason of a refusal, or null.
   */
  async #invite(
    trx: TransactionClientContract,
    application: Application,
    kind: InvitationKind,
    note: string,
    user: User
  ) {
    if (application.status !== kind) {
      const move = await new MoveApplication().handle({
        application,
        to: kind,
        note,
        user,
        client: trx,
      })
      return move.moved ? null : move.reason
    }
    application.useTransaction(trx)
    application.lastContactAt = DateTime.now()
    await application.save()
    await ApplicationStatusChange.create(
      {
        organizationId: application.organizationId,
        applicationId: application.id,
        fromStatus: kind,
        toStatus: kind,
        changedById: user.id,
        note,
      },
      { client: trx }
    )
    return null
  }

  /**
   * One email per applicant with an address. A failure to queue one is
   * logged: the invitations stand, and the others are still sent.
   */
  async #email(applications: Application[], kind: InvitationKind, meeting: Meeting, user: User) {
    const organization = await Organization.find(applications[0]?.organizationId)
    for (const application of applications) {
      const trainee = application.trainee
      if (!trainee.email) continue
      try {
        await mail.sendLater(
          new InvitationNotification({
            kind,
            email: trainee.email,
            name: trainee.fullName,
            cohortName: application.cohort.name,
            programmeTitle: application.cohort.programme?.title ?? null,
            organizationName: organization?.name ?? '',
            day: meeting.startsAt.setZone(PARIS).setLocale('fr').toFormat('cccc d LLLL yyyy'),
            time: frenchTime(meeting.startsAt),
            location: meeting.location,
            message: meeting.message,
            contactName: user.fullName,
            contactEmail: user.email,
          })
        )
      } catch (error) {
        logger.error({ err: error, applicationId: application.id }, 'invitation email not sent')
      }
    }
  }
}

/**
 * "Invitée à la réunion d’information du 3 décembre 2026 à 9 h 30, Centre
 * alpha." followed by the message, if any.
 */
export function invitationNote(kind: InvitationKind, meeting: Meeting) {
  const day = meeting.startsAt.setZone(PARIS).setLocale('fr').toFormat('d LLLL yyyy')
  const invited = `Invitée à ${INVITATION_WORDING[kind].event} du ${day} à ${frenchTime(meeting.startsAt)}, ${meeting.location}.`
  return meeting.message ? `${invited} Message : ${meeting.message}` : invited
}

/**
 * One application: MoveApplication's reason. Several: who cannot be
 * invited, with their current status.
 */
function refusalMessage(
  kind: InvitationKind,
  refused: { application: Application; reason: string }[],
  applications: Application[]
) {
  if (applications.length === 1) return `Invitation impossible. ${refused[0].reason}`
  const who = refused
    .map(
      ({ application }) =>
        `${application.trainee.fullName} (« ${APPLICATION_STATUS_LABELS[application.status]} »)`
    )
    .join(', ')
  const [these, untick] =
    refused.length > 1
      ? ['Ces candidatures ne peuvent', 'Décochez-les']
      : ['Cette candidature ne peut', 'Décochez-la']
  return `Aucune invitation n’est envoyée. ${these} pas passer à « ${APPLICATION_STATUS_LABELS[kind]} » : ${who}. ${untick}, puis recommencez.`
}
