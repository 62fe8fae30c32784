import type Cohort from '#models/cohort'
import { nowInParis } from '#services/sql_time'
import { parisWeek } from '#services/week'
import ListCohortAbsences, {
  ABSENCE_FILTERS,
  ABSENCE_FILTER_LABELS,
  type AbsenceFilter,
} from '#actions/absences/list_cohort_absences'

/**
 * The cohort's "Absences" page: the absences (see ListCohortAbsences) and
 * the attendance documents to print: the week's sheets, each trainee's
 * monthly statement for this month and the previous one.
 */
export default class BuildCohortAbsencesPage {
  async handle({ cohort, filter }: { cohort: Cohort; filter: AbsenceFilter }) {
    const now = nowInParis()
    const [absences, enrollments] = await Promise.all([
      new ListCohortAbsences().handle({ cohort, filter, now }),
      cohort.related('enrollments').query().preload('trainee'),
      cohort.load('programme'),
    ])
    enrollments.sort((a, b) =>
      `${a.trainee.lastName} ${a.trainee.firstName}`.localeCompare(
        `${b.trainee.lastName} ${b.trainee.firstName}`,
        'fr'
      )
    )
    const thisMonth = now.startOf('month').setLocale('fr')
    const lastMonth = thisMonth.minus({ months: 1 })
    const thisWeek = parisWeek(now).start
    return {
      cohort,
      filter,
      filters: ABSENCE_FILTERS.map((key) => ({
        key,
        label: ABSENCE_FILTER_LABELS[key],
        count: absences.counts[key],
      })),
      ...absences,
      trainees: enrollments.map((enrollment) => ({
        enrollmentId: enrollment.id,
        name: `${enrollment.trainee.lastName.toLocaleUpperCase('fr')} ${enrollment.trainee.firstName}`,
        status: enrollment.status,
      })),
      months: [
        { value: thisMonth.toFormat('yyyy-MM'), label: thisMonth.toFormat('LLLL yyyy') },
        { value: lastMonth.toFormat('yyyy-MM'), label: lastMonth.toFormat('LLLL yyyy') },
      ],
      weeks: [
        { value: thisWeek.toISODate()!, label: 'cette semaine' },
        { value: thisWeek.plus({ weeks: 1 }).toISODate()!, label: 'la semaine prochaine' },
      ],
      today: now.toISODate()!,
      thisMonth: thisMonth.toFormat('yyyy-MM'),
    }
  }
}
