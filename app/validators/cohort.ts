import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import type { Infer } from '@vinejs/vine/types'
import type { FieldContext } from '@vinejs/vine/types'
import { COHORT_STATUSES } from '#enums/cohort_status'

/**
 * What the cohort rules need to know besides the form: the signed-in
 * user's organisation and, when editing, the cohort as it stands.
 */
export type CohortValidationMeta = {
  organizationId: number
  /** The cohort's current programme (kept valid even if since archived). */
  currentProgrammeId?: number | null
  /** Set when the programme can no longer change (sessions exist). */
  lockedProgrammeId?: number | null
  /** Trainees enrolled (not dropped out): the capacity cannot go below. */
  enrolled?: number
}

const meta = (field: FieldContext) => field.meta as CohortValidationMeta

/*
 * Rules with their own French message (their names are not in
 * resources/lang/fr/validator.json, so the message given here is shown).
 */

const programmeNotLocked = vine.createRule((value, _options, field) => {
  const locked = meta(field).lockedProgrammeId
  if (locked && Number(value) !== locked) {
    field.report(
      'Le programme ne peut plus changer : la promotion a déjà des séances dans son planning.',
      'programmeLocked',
      field
    )
  }
})

const notBelowEnrolled = vine.createRule((value, _options, field) => {
  const enrolled = meta(field).enrolled ?? 0
  if (typeof value === 'number' && value < enrolled) {
    field.report(
      `Le nombre de places ne peut pas être inférieur au nombre de stagiaires inscrits (${enrolled}).`,
      'capacityBelowEnrolled',
      field
    )
  }
})

const notAboveCapacity = vine.createRule((value, _options, field) => {
  const capacity = Number(field.data?.capacity)
  if (typeof value === 'number' && Number.isFinite(capacity) && value > capacity) {
    field.report(
      `Les places financées ne peuvent pas dépasser le nombre de places de la promotion (${capacity}).`,
      'placesAboveCapacity',
      field
    )
  }
})

/**
 * A funder chosen on two lines: the error goes on the second one.
 */
const funderOnce = vine.createRule((value, _options, field) => {
  const rows: unknown = field.data?.funders
  if (!Array.isArray(rows)) return
  const index = Number(field.getFieldPath().split('.')[1])
  const first = rows.findIndex(
    (row) => row && row.funderId !== null && String(row.funderId) === String(value)
  )
  if (first !== -1 && first < index) {
    field.report('Ce financeur est déjà choisi sur une autre ligne.', 'funderTwice', field)
  }
})

const id = () => rowId()

/**
 * A cohort, created or edited. Funder lines left empty are ignored.
 */
export const cohortValidator = vine.withMetaData<CohortValidationMeta>().compile(
  vine.object({
    name: vine.string().trim().minLength(3).maxLength(120),
    programmeId: id()
      .exists({
        table: 'programmes',
        column: 'id',
        filter: (query, _value, field) => {
          const { organizationId, currentProgrammeId } = meta(field)
          query.where('organization_id', organizationId).where((scope) => {
            scope.whereNot('status', 'archived')
            if (currentProgrammeId) scope.orWhere('id', currentProgrammeId)
          })
        },
      })
      .use(programmeNotLocked()),
    siteId: id().exists({
      table: 'sites',
      column: 'id',
      filter: (query, _value, field) => {
        query.where('organization_id', meta(field).organizationId)
      },
    }),
    coordinatorId: id().exists({
      table: 'users',
      column: 'id',
      filter: (query, _value, field) => {
        query
          .where('organization_id', meta(field).organizationId)
          .whereIn('role', ['coordinator', 'admin'])
      },
    }),
    startsOn: vine.date(),
    endsOn: vine.date().afterField('startsOn'),
    capacity: vine.number().withoutDecimals().range([1, 500]).use(notBelowEnrolled()),
    esfCofinanced: vine.boolean().optional(),
    funders: vine
      .array(
        vine.object({
          funderId: id()
            .exists({ table: 'funders', column: 'id' })
            .use(funderOnce())
            .optional()
            .requiredIfExists('placesFunded'),
          placesFunded: vine
            .number()
            .withoutDecimals()
            .min(1)
            .use(notAboveCapacity())
            .optional()
            .requiredIfExists('funderId'),
        })
      )
      .maxLength(20)
      .optional(),
  })
)

export type CohortPayload = Infer<typeof cohortValidator>

/**
 * A change of status asked from the cohort's page.
 */
export const cohortStatusValidator = vine.compile(
  vine.object({
    status: vine.enum(COHORT_STATUSES),
  })
)
