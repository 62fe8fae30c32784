import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Cohort from '#models/cohort'
import type { CohortPayload } from '#validators/cohort'

/**
 * A date picked in a form (VineJS parses it at local midnight) as a
 * calendar day.
 */
function calendarDay(date: Date) {
  return DateTime.fromObject({
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
  })
}

/**
 * The cohort's columns from a validated form (status aside).
 */
export function cohortAttributes(payload: CohortPayload) {
  return {
    name: payload.name,
    programmeId: payload.programmeId,
    siteId: payload.siteId,
    coordinatorId: payload.coordinatorId,
    startsOn: calendarDay(payload.startsOn),
    endsOn: calendarDay(payload.endsOn),
    capacity: payload.capacity,
    esfCofinanced: payload.esfCofinanced ?? false,
  }
}

/**
 * Replaces the cohort's funders by the filled lines of the form; each row
 * belongs to the cohort's organisation.
 */
export async function replaceFunders(
  cohort: Cohort,
  payload: CohortPayload,
  trx: TransactionClientContract
) {
  const rows: Record<number, { places_funded: number; organization_id: number }> = {}
  for (const line of payload.funders ?? []) {
    if (!line.funderId || !line.placesFunded) continue
    rows[line.funderId] = {
      places_funded: line.placesFunded,
      organization_id: cohort.organizationId,
    }
  }
  const funders = cohort.related('funders')
  await funders.detach(undefined, trx)
  if (Object.keys(rows).length) await funders.attach(rows, trx)
}

/**
 * The form's values for an existing cohort.
 */
export function cohortFormValues(cohort: Cohort) {
  return {
    name: cohort.name,
    programmeId: cohort.programmeId,
    siteId: cohort.siteId,
    coordinatorId: cohort.coordinatorId,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    capacity: cohort.capacity,
    esfCofinanced: cohort.esfCofinanced,
    funders: cohort.funders.map((funder) => ({
      funderId: funder.id,
      placesFunded: funder.$extras.pivot_places_funded as number | null,
    })),
  }
}
