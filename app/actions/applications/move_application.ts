import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import type User from '#models/user'
import type { ApplicationStatus } from '#enums/application_status'
import { APPLICATION_TRANSITIONS } from '#actions/applications/pipeline_transitions'
import { APPLICATION_STATUS_LABELS as LABELS } from '#actions/applications/pipeline_labels'

export type ApplicationMove =
  { moved: true; application: Application } | { moved: false; reason: string }

/**
 * Moves an application along the pipeline when the move makes sense (see
 * APPLICATION_TRANSITIONS): its status and last contact change and the
 * step is recorded (from, to, who, note) in one transaction. Otherwise
 * says in French why, and writes nothing.
 */
export default class MoveApplication {
  async handle({
    application,
    to,
    note,
    user,
  }: {
    application: Application
    to: ApplicationStatus
    note?: string | null
    user: User
  }): Promise<ApplicationMove> {
    return db.transaction(async (trx) => {
      const current = await Application.query({ client: trx })
        .where('id', application.id)
        .firstOrFail()
      const from = current.status
      const reason = refusal(from, to)
      if (reason) return { moved: false, reason }

      current.status = to
      current.lastContactAt = DateTime.now()
      await current.save()
      await ApplicationStatusChange.create(
        {
          organizationId: current.organizationId,
          applicationId: current.id,
          fromStatus: from,
          toStatus: to,
          changedById: user.id,
          note: note || null,
        },
        { client: trx }
      )
      return { moved: true, application: current }
    })
  }
}

function refusal(from: ApplicationStatus, to: ApplicationStatus) {
  if (from === to) return `La candidature est déjà « ${LABELS[from]} ».`
  const allowed = APPLICATION_TRANSITIONS[from]
  if (!allowed.length) {
    return `La candidature est « ${LABELS[from]} » : son statut ne peut plus changer ici.`
  }
  if (!allowed.includes(to)) {
    const choices = allowed.map((status) => `« ${LABELS[status]} »`).join(', ')
    return `Une candidature « ${LABELS[from]} » ne peut pas passer à « ${LABELS[to]} ». Statuts possibles : ${choices}.`
  }
  return null
}
