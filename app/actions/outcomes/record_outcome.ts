import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { OutcomeCheckpoint } from '#enums/checkpoint'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { ContractType } from '#enums/contract_type'
import type { WorkingTime } from '#enums/working_time'
import type { OutcomeSource } from '#enums/outcome_source'
import type Enrollment from '#models/enrollment'
import type User from '#models/user'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import PartnerCompany from '#models/partner_company'
import { FIXED_TERM_CONTRACTS, OPEN_ENDED_CONTRACTS } from '#services/outcome_definitions'
import { isValidSiret, normalizeSiret, INVALID_SIRET_MESSAGE } from '#validators/siret'
import { nowInParis, sqlDateTime } from '#services/sql_time'
import {
  CHECKPOINT_IN_SENTENCE,
  CONTRACT_TYPE_LABELS,
  SITUATION_LABELS,
} from '#actions/outcomes/outcome_labels'
import { recordAudit } from '#services/audit'

/**
 * The raw facts of one observation. Contract facts are only kept when the
 * person is employed.
 */
export type OutcomeFacts = {
  situation: OutcomeSituation
  contractType?: ContractType | null
  contractMonths?: number | null
  workingTime?: WorkingTime | null
  contractStartOn?: DateTime | null
  employerName?: string | null
  employerSiret?: string | null
  partnerCompanyId?: number | null
  jobTitle?: string | null
  /**
   * The day the situation was observed; today (Paris) by default.
   */
  observedOn?: DateTime | null
}

export type RecordOutcomeInput = {
  enrollment: Enrollment
  checkpoint: OutcomeCheckpoint
  facts: OutcomeFacts
  source: OutcomeSource
  recordedBy: User | null
  client?: TransactionClientContract
  /**
   * The newest observation of the enrollment the person saw when they
   * opened the form (0: none). When given, an observation recorded at the
   * same checkpoint since then refuses the save: no lost update.
   */
  knownOutcomeId?: number
}

/**
 * A refusal names the form field to blame (snake_case, as the forms post
 * it) or null for the whole form.
 */
export type OutcomeRefusal = { recorded: false; field: string | null; message: string }

export type RecordOutcomeResult =
  { recorded: true; outcome: Outcome; flagged: boolean } | OutcomeRefusal

/**
 * Facts as stored: every field present, the observation day set.
 */
export type CheckedFacts = Required<OutcomeFacts> & { observedOn: DateTime }

export const STILL_ACTIVE_MESSAGE =
  'Cette personne est encore en formation : enregistrez d’abord sa sortie, le suivi viendra ensuite.'

export const START_BEFORE_TRAINING_REASON =
  'Le contrat commencerait avant le début de la formation : à vérifier.'

/**
 * Checks the facts and returns them as they will be stored, or the
 * refusal. Rules: an employed person has a contract type; CDD, interim,
 * apprenticeship and professionalisation have a length of at least one
 * month; CDI and business creation have none; the employer is a partner
 * company of the organisation or a name with an optional valid SIRET.
 */
export async function checkOutcomeFacts(
  enrollment: Enrollment,
  facts: OutcomeFacts,
  client?: TransactionClientContract
): Promise<{ ok: true; facts: CheckedFacts } | { ok: false; refusal: OutcomeRefusal }> {
  const refuse = (field: string | null, message: string) => ({
    ok: false as const,
    refusal: { recorded: false as const, field, message },
  })
  const empty = {
    contractType: null,
    contractMonths: null,
    workingTime: null,
    contractStartOn: null,
    employerName: null,
    employerSiret: null,
    partnerCompanyId: null,
    jobTitle: null,
  }
  const observedOn = facts.observedOn ?? DateTime.fromISO(nowInParis().toISODate()!)
  if (facts.situation !== 'employed') {
    return { ok: true, facts: { ...empty, situation: facts.situation, observedOn } }
  }

  const contractType = facts.contractType ?? null
  if (!contractType) return refuse('contract_type', 'Choisissez le type de contrat.')
  let contractMonths = facts.contractMonths ?? null
  if (FIXED_TERM_CONTRACTS.includes(contractType)) {
    if (contractMonths === null || !Number.isInteger(contractMonths) || contractMonths < 1) {
      return refuse(
        'contract_months',
        'Indiquez la durée du contrat en mois (au moins 1 mois) : elle est nécessaire pour ce type de contrat.'
      )
    }
  } else if (OPEN_ENDED_CONTRACTS.includes(contractType)) {
    // A CDI or a business creation has no length: whatever was typed is dropped.
    contractMonths = null
  } else if (contractMonths !== null && contractMonths < 1) {
    return refuse('contract_months', 'La durée du contrat doit être d’au moins 1 mois.')
  }

  let partnerCompanyId = facts.partnerCompanyId ?? null
  let employerName = facts.employerName?.trim() || null
  let employerSiret = normalizeSiret(facts.employerSiret)
  if (partnerCompanyId !== null) {
    const company = await PartnerCompany.query({ client })
      .where('organization_id', enrollment.organizationId)
      .where('id', partnerCompanyId)
      .first()
    if (!company) return refuse('partner_company_id', 'Choisissez une entreprise de la liste.')
    // The partner company is the employer: its own name and SIRET are kept
    // so the observation reads the same if the company is edited later.
    employerName = company.name
    employerSiret = company.siret
    partnerCompanyId = company.id
  } else if (employerSiret !== null && !isValidSiret(employerSiret)) {
    return refuse('employer_siret', INVALID_SIRET_MESSAGE)
  }
  if (employerSiret !== null && !employerName) {
    return refuse('employer_name', 'Indiquez le nom de l’employeur qui va avec ce SIRET.')
  }

  return {
    ok: true,
    facts: {
      situation: 'employed',
      contractType,
      contractMonths,
      workingTime: facts.workingTime ?? null,
      contractStartOn: facts.contractStartOn ?? null,
      employerName,
      employerSiret,
      partnerCompanyId,
      jobTitle: facts.jobTitle?.trim() || null,
      observedOn,
    },
  }
}

/**
 * Records one observation of a trainee's situation at a checkpoint (exit,
 * +3, +6, +12 months). Observations are never overwritten: a new one at the
 * same checkpoint keeps the history and the latest counts. Refused while
 * the enrollment has no exit. A contract said to start before the training
 * began, declared at a follow-up, is saved but flagged "à vérifier". An open
 * follow-up at that checkpoint becomes answered.
 */
export default class RecordOutcome {
  async handle(input: RecordOutcomeInput): Promise<RecordOutcomeResult> {
    if (input.client) return this.write(input, input.client)
    return db.transaction((trx) => this.write(input, trx))
  }

  private async write(
    { enrollment, checkpoint, facts, source, recordedBy, knownOutcomeId }: RecordOutcomeInput,
    trx: TransactionClientContract
  ): Promise<RecordOutcomeResult> {
    if (!enrollment.exitOn) return { recorded: false, field: null, message: STILL_ACTIVE_MESSAGE }
    const checked = await checkOutcomeFacts(enrollment, facts, trx)
    if (!checked.ok) return checked.refusal
    if (knownOutcomeId !== undefined) {
      const newer = await newerObservation(trx, enrollment, checkpoint, knownOutcomeId)
      if (newer) return { recorded: false, field: null, message: concurrentMessage(newer) }
    }

    const startsBeforeTraining =
      checkpoint !== 'exit' &&
      checked.facts.contractStartOn !== null &&
      checked.facts.contractStartOn < enrollment.startsOn
    const outcome = await Outcome.create(
      {
        organizationId: enrollment.organizationId,
        enrollmentId: enrollment.id,
        checkpoint,
        ...checked.facts,
        source,
        recordedById: recordedBy?.id ?? null,
        needsReview: startsBeforeTraining,
        reviewReason: startsBeforeTraining ? START_BEFORE_TRAINING_REASON : null,
      },
      { client: trx }
    )
    await recordAudit(trx, [
      {
        organizationId: enrollment.organizationId,
        userId: recordedBy?.id ?? null,
        action: 'outcome.recorded',
        subjectType: 'outcomes',
        subjectId: outcome.id,
        changes: {
          checkpoint: { from: null, to: checkpoint },
          situation: { from: null, to: checked.facts.situation },
          contract_type: { from: null, to: checked.facts.contractType },
          contract_months: { from: null, to: checked.facts.contractMonths },
          source: { from: null, to: source },
        },
      },
    ])

    if (checkpoint !== 'exit') {
      await FollowUp.query({ client: trx })
        .where('enrollment_id', enrollment.id)
        .where('checkpoint', checkpoint)
        .whereIn('status', ['due', 'sent', 'to_call'])
        .update({
          status: 'answered',
          answered_at: sqlDateTime(DateTime.utc()),
          updated_at: sqlDateTime(DateTime.utc()),
        })
    }
    return { recorded: true, outcome, flagged: startsBeforeTraining }
  }
}

/**
 * An observation at the checkpoint recorded after the one the person saw.
 * The enrollment row is locked first (PostgreSQL), so two saves at once
 * run one after the other and the second one sees the first.
 */
async function newerObservation(
  trx: TransactionClientContract,
  enrollment: Enrollment,
  checkpoint: OutcomeCheckpoint,
  knownOutcomeId: number
) {
  if (trx.dialect.name === 'postgres') {
    await trx.from('enrollments').where('id', enrollment.id).forUpdate().select('id')
  }
  return Outcome.query({ client: trx })
    .where('enrollment_id', enrollment.id)
    .where('checkpoint', checkpoint)
    .where('id', '>', knownOutcomeId)
    .preload('recordedBy')
    .orderBy('id', 'desc')
    .first()
}

function concurrentMessage(newer: Outcome) {
  const who = newer.recordedBy ? newer.recordedBy.fullName : 'quelqu’un d’autre'
  const what = newer.contractType
    ? `${SITUATION_LABELS[newer.situation]}, ${CONTRACT_TYPE_LABELS[newer.contractType]}`
    : SITUATION_LABELS[newer.situation]
  return (
    `Pendant que vous remplissiez ce formulaire, ${who} a enregistré une observation ` +
    `${CHECKPOINT_IN_SENTENCE[newer.checkpoint]} : ${what}. La vôtre n’est pas enregistrée. ` +
    'Vos saisies sont restées dans le formulaire : vérifiez l’historique ci-dessus, puis enregistrez à nouveau si votre observation est toujours juste.'
  )
}
