import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CompanyContact from '#models/company_contact'
import Internship from '#models/internship'
import TutorEvaluation from '#models/tutor_evaluation'
import mailbox from '#services/mailbox'
import { nowInParis, sqlDateTime } from '#services/sql_time'
import type { Side } from '#tests/helpers/world'
import SendTutorEvaluation from '#actions/tutor_evaluations/send_tutor_evaluation'
import type { Dispatcher } from '#services/dispatcher'

/**
 * The side's internship, completed `endedDaysAgo` days ago, with a tutor
 * whose address is unique to the test (the test mailbox folder is shared).
 */
export async function endedInternship(side: Side, endedDaysAgo: number) {
  const email = `tuteur-${randomUUID()}@entreprise.test`
  const tutor = await CompanyContact.create({
    organizationId: side.organization.id,
    partnerCompanyId: side.company.id,
    fullName: 'Marc Lefèvre',
    email,
  })
  const today = DateTime.fromISO(nowInParis().toISODate()!)
  const internship = side.internship
  internship.merge({
    tutorContactId: tutor.id,
    status: 'completed',
    startsOn: today.minus({ days: endedDaysAgo + 25 }),
    endsOn: today.minus({ days: endedDaysAgo }),
  })
  await internship.save()
  return { internship, tutor, email }
}

/**
 * Sends the request as a coordinator would and returns it with its link.
 */
export async function sendRequest(side: Side, internship: Internship, jobs?: Dispatcher) {
  const evaluation = await new SendTutorEvaluation(jobs).handle({
    internship,
    user: side.users.coordinator,
  })
  return evaluation
}

/**
 * The link in the newest email to the tutor, as a path.
 */
export async function linkMailedTo(email: string) {
  const mail = await mailbox.latestTo(email)
  const url = mail?.text?.match(/https?:\/\/\S+\/evaluation-stage\/[\w-]+/)?.[0]
  if (!url) throw new Error(`no evaluation link mailed to ${email}`)
  return new URL(url).pathname
}

export async function mailsTo(email: string) {
  const wanted = email.toLowerCase()
  const mails = await mailbox.list()
  return mails.filter((mail) =>
    mail.to.some((recipient) => recipient.address.toLowerCase() === wanted)
  )
}

/**
 * Moves the request's sending back in time (the request was sent before
 * the reminder days).
 */
export async function backdateSending(evaluation: TutorEvaluation, days: number) {
  await db
    .from('tutor_evaluations')
    .where('id', evaluation.id)
    .update({ sent_at: sqlDateTime(DateTime.utc().minus({ days })) })
}

export const VALID_ANSWERS = {
  'attendance': '4',
  'skills[punctuality]': '4',
  'skills[attitude]': '3',
  'skills[autonomy]': '3',
  'skills[work_quality]': '2',
  'skills[digital_skills]': '0',
  'comments': 'Sérieux et souriant.',
  'would_hire': 'yes',
  'contract_type': 'cdd',
}
