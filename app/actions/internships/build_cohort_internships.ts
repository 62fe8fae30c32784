import type Cohort from '#models/cohort'
import type Internship from '#models/internship'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import {
  COUNTED_STATUSES,
  STATUS_LABELS,
  STATUS_TONES,
  formatHours,
} from '#actions/internships/internship_labels'
import { plannedInternshipHours } from '#actions/internships/internship_rules'

const day = (internship: Internship, which: 'startsOn' | 'endsOn') =>
  internship[which].setLocale('fr').toFormat('dd/MM/yyyy')

/**
 * A cohort's internships page: the trainees in training, those without
 * any internship (cancelled ones do not count) first, each with their
 * internships and their hours against the hours the programme's
 * internship modules plan. Two queries, whatever the cohort's size.
 */
export default class BuildCohortInternships {
  async handle({ cohort }: { cohort: Cohort }) {
    await cohort.load('programme')
    const enrollments = await cohort
      .related('enrollments')
      .query()
      .whereIn('status', IN_TRAINING_STATUSES)
      .preload('trainee')
      .preload('internships', (query) =>
        query.preload('partnerCompany').orderBy('starts_on').orderBy('id')
      )
    const planned = await plannedInternshipHours(cohort.programmeId)

    const rows = enrollments
      .map((enrollment) => {
        const counted = enrollment.internships.filter((item) =>
          COUNTED_STATUSES.includes(item.status)
        )
        const hours = counted.reduce((total, item) => total + Number(item.hoursTotal ?? 0), 0)
        return {
          enrollment,
          trainee: enrollment.trainee,
          hasInternship: counted.length > 0,
          hours: formatHours(hours),
          missingHours: planned > 0 && hours < planned ? formatHours(planned - hours) : null,
          internships: enrollment.internships.map((item) => ({
            id: item.id,
            company: item.partnerCompany.name,
            kind: item.kind,
            from: day(item, 'startsOn'),
            to: day(item, 'endsOn'),
            hours: formatHours(item.hoursTotal),
            statusLabel: STATUS_LABELS[item.status],
            statusTone: STATUS_TONES[item.status],
          })),
        }
      })
      .sort(
        (a, b) =>
          Number(a.hasInternship) - Number(b.hasInternship) ||
          a.trainee.lastName.localeCompare(b.trainee.lastName, 'fr') ||
          a.trainee.firstName.localeCompare(b.trainee.firstName, 'fr')
      )

    return {
      cohort,
      programme: cohort.programme,
      plannedHours: planned > 0 ? formatHours(planned) : null,
      withoutInternship: rows.filter((row) => !row.hasInternship),
      withInternship: rows.filter((row) => row.hasInternship),
    }
  }
}
