import db from '@adonisjs/lucid/services/db'
import type { Side } from '#tests/helpers/world'

/**
 * A valid cohort form for one side of the world: its programme, site and
 * coordinator, and its funder for 10 of 12 places.
 */
export function cohortForm(side: Side, overrides: Record<string, unknown> = {}) {
  return asForm({
    name: 'Digit’Elles Rouen automne',
    programmeId: side.programme.id,
    siteId: side.site.id,
    coordinatorId: side.users.coordinator.id,
    startsOn: '2026-09-07',
    endsOn: '2026-12-04',
    capacity: '12',
    esfCofinanced: '1',
    funders: [
      { funderId: String(side.funder.id), placesFunded: '10' },
      { funderId: '', placesFunded: '' },
    ],
    ...overrides,
  })
}

/**
 * Funder lines as a browser sends them: `funders[0][funderId]=…`.
 */
export function asForm(values: Record<string, unknown>) {
  const form: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (key !== 'funders' || !Array.isArray(value)) {
      form[key] = value
      continue
    }
    value.forEach((line: Record<string, unknown>, index) => {
      for (const [field, fieldValue] of Object.entries(line)) {
        form[`funders[${index}][${field}]`] = fieldValue
      }
    })
  }
  return form
}

/**
 * Rows of the tables a cohort form writes to, to check nothing was saved.
 */
export async function cohortRows() {
  const [cohorts, funders] = await Promise.all([
    db.from('cohorts').count('* as total'),
    db.from('cohort_funders').count('* as total'),
  ])
  return { cohorts: Number(cohorts[0].total), funders: Number(funders[0].total) }
}
