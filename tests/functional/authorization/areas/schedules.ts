import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

const cohort = (side: { cohort: { id: number } }) => ({ id: side.cohort.id })

/**
 * A cohort's schedule page, its generation and its printable week. The
 * generation body has no slot: it is refused by the generator and sends
 * the coordinator back, so later visits still find the world as built.
 */
export const schedules: Record<string, MatrixEntry> = {
  'coordinator.cohorts.schedule.show': {
    expect: signedIn(['admin', 'coordinator']),
    params: cohort,
    scoped: true,
  },
  'coordinator.cohorts.schedule.generate': {
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    params: cohort,
    scoped: true,
    body: () => ({ 'pattern[0][day]': '', 'pattern[0][start]': '', 'pattern[0][end]': '' }),
  },
  'coordinator.cohorts.schedule.print': {
    expect: signedIn(['admin', 'coordinator']),
    params: cohort,
    scoped: true,
  },
}
