import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import type { ApplicationStatus } from '#enums/application_status'
import type Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import type User from '#models/user'
import ApplicationStatusChange from '#models/application_status_change'
import type Application from '#models/application'
import { applicant } from '#tests/functional/applications/helpers'
import { PARIS } from '#services/sql_time'

/**
 * An application from a new trainee with an email address of its own, so
 * that reading the shared test mailbox finds only this test's messages.
 */
export async function reachableApplicant(
  cohort: Cohort,
  lastName: string,
  status: ApplicationStatus
) {
  const application = await applicant(cohort, lastName, status)
  const trainee = await Trainee.findOrFail(application.traineeId)
  trainee.email = `candidate.${randomUUID()}@exemple.test`
  await trainee.save()
  return { application, email: trainee.email }
}

/**
 * A POST of a form as a signed-in user, redirects not followed.
 */
export function postForm(client: ApiClient, url: string, user: User, form: object) {
  return client.post(url).form(form).withCsrfToken().loginAs(user).redirects(0)
}

/**
 * A Paris day `days` from today, as the date input sends it and as the
 * email says it.
 */
export function parisDay(days: number) {
  const day = DateTime.now().setZone(PARIS).startOf('day').plus({ days }).setLocale('fr')
  return {
    iso: day.toISODate()!,
    long: day.toFormat('cccc d LLLL yyyy'),
    short: day.toFormat('d LLLL yyyy'),
  }
}

export const changesOf = (application: Application) =>
  ApplicationStatusChange.query().where('application_id', application.id).orderBy('id')
