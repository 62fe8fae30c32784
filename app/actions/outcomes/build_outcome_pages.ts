import type Enrollment from '#models/enrollment'
import type Cohort from '#models/cohort'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import PartnerCompany from '#models/partner_company'
import Funder from '#models/funder'
import { OUTCOME_CHECKPOINTS } from '#enums/checkpoint'
import { CERTIFICATION_RESULTS } from '#enums/certification_result'
import { EXIT_REASONS } from '#enums/exit_reason'
import {
  CERTIFICATION_RESULT_LABELS,
  CHECKPOINT_LABELS,
  CONTRACT_TYPE_LABELS,
  EXIT_REASON_LABELS,
  SITUATION_LABELS,
  SOURCE_LABELS,
  WORKING_TIME_LABELS,
  optionsOf,
} from '#actions/outcomes/outcome_labels'
import {
  DENOMINATORS,
  DENOMINATOR_LABELS,
  loadCohortOutcomes,
  rateFrom,
  type Denominator,
} from '#actions/outcomes/compute_outcome_rates'
import { definitionsForFunders } from '#services/outcome_definitions'

/**
 * Labels and select options shared by the exit and observation forms.
 */
export function outcomeFormOptions() {
  return {
    labels: {
      checkpoint: CHECKPOINT_LABELS,
      situation: SITUATION_LABELS,
      contract: CONTRACT_TYPE_LABELS,
      workingTime: WORKING_TIME_LABELS,
      source: SOURCE_LABELS,
      exitReason: EXIT_REASON_LABELS,
      certification: CERTIFICATION_RESULT_LABELS,
    },
    options: {
      checkpoints: optionsOf(CHECKPOINT_LABELS),
      situations: optionsOf(SITUATION_LABELS),
      contracts: optionsOf(CONTRACT_TYPE_LABELS),
      workingTimes: optionsOf(WORKING_TIME_LABELS),
      sources: optionsOf(SOURCE_LABELS),
      exitReasons: EXIT_REASONS.map((value) => ({ value, label: EXIT_REASON_LABELS[value] })),
      certifications: CERTIFICATION_RESULTS.map((value) => ({
        value,
        label: CERTIFICATION_RESULT_LABELS[value],
      })),
    },
  }
}

async function partnerCompanyOptions(organizationId: number) {
  const companies = await PartnerCompany.query()
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('id', 'name')
  return companies.map((company) => ({ value: company.id, label: company.name }))
}

/**
 * The exit form of an enrollment.
 */
export async function buildExitPage(enrollment: Enrollment) {
  return {
    enrollment,
    trainee: enrollment.trainee,
    cohort: enrollment.cohort,
    companies: await partnerCompanyOptions(enrollment.organizationId),
    ...outcomeFormOptions(),
  }
}

/**
 * An enrollment's outcomes: its exit, observations per checkpoint (newest
 * first, with who recorded them), follow-ups due and the form to add one.
 */
export async function buildEnrollmentOutcomesPage(enrollment: Enrollment) {
  const [outcomes, followUps, companies] = await Promise.all([
    Outcome.query()
      .where('enrollment_id', enrollment.id)
      .preload('recordedBy')
      .orderBy('observed_on', 'desc')
      .orderBy('id', 'desc'),
    FollowUp.query().where('enrollment_id', enrollment.id).orderBy('due_on', 'asc'),
    partnerCompanyOptions(enrollment.organizationId),
  ])
  const checkpoints = OUTCOME_CHECKPOINTS.map((checkpoint) => ({
    checkpoint,
    label: CHECKPOINT_LABELS[checkpoint],
    followUp: followUps.find((followUp) => followUp.checkpoint === checkpoint) ?? null,
    outcomes: outcomes.filter((outcome) => outcome.checkpoint === checkpoint),
  }))
  return {
    enrollment,
    trainee: enrollment.trainee,
    cohort: enrollment.cohort,
    checkpoints,
    companies,
    /**
     * The newest observation the page shows (0: none), sent back with the
     * form so a save can tell that someone else recorded one meanwhile.
     */
    knownOutcomeId: Math.max(0, ...outcomes.map((outcome) => outcome.id)),
    ...outcomeFormOptions(),
  }
}

/**
 * A cohort's exits and outcome rates: every enrollment with its exit, and
 * for each checkpoint the rate of each definition its funders use, over
 * the chosen denominator.
 */
export async function buildCohortResultsPage(cohort: Cohort, denominator: Denominator) {
  const [enrollments, funders, data] = await Promise.all([
    cohort
      .related('enrollments')
      .query()
      .preload('trainee')
      .withCount('outcomes', (query) => query.as('outcomesCount')),
    Funder.query()
      .whereIn('id', (query) =>
        query.from('cohort_funders').where('cohort_id', cohort.id).select('funder_id')
      )
      .orderBy('name'),
    loadCohortOutcomes(cohort),
  ])
  enrollments.sort((a, b) => a.trainee.lastName.localeCompare(b.trainee.lastName, 'fr'))
  const definitions = definitionsForFunders(funders)
  const table = OUTCOME_CHECKPOINTS.map((checkpoint) => ({
    checkpoint,
    label: CHECKPOINT_LABELS[checkpoint],
    rates: definitions.map((definition) => rateFrom(data, checkpoint, definition, denominator)),
  }))
  return {
    cohort,
    enrollments,
    funders,
    definitions,
    table,
    denominator,
    denominators: DENOMINATORS.map((value) => ({ value, label: DENOMINATOR_LABELS[value] })),
    labels: { exitReason: EXIT_REASON_LABELS, certification: CERTIFICATION_RESULT_LABELS },
  }
}
