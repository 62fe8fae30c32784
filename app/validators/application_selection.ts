import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import {
  SCORE_VALUES,
  SCORING_CRITERIA,
  SCORING_CRITERION_LABELS,
  type ScoreValue,
  type ScoringCriterion,
} from '#enums/scoring_criterion'
import { INVITATION_KINDS } from '#enums/invitation_kind'
import { PARIS } from '#services/sql_time'

/*
 * Rules with their own French message (their names are not in
 * resources/lang/fr/validator.json, so the message given here is shown).
 */

export const COMMENT_MAX_LENGTH = 1000

/**
 * A score of the scale (1 to 4) for one criterion, required: radios send
 * nothing when none is chosen.
 */
const scoreChoice = vine.createRule<{ label: string }>(
  (value, { label }, field) => {
    const score = Number(value)
    if (value === null || value === undefined || !SCORE_VALUES.includes(score as ScoreValue)) {
      field.report(`Choisissez une note de 1 à 4 pour « ${label} ».`, 'scoreChoice', field)
      return
    }
    field.mutate(score, field)
  },
  { implicit: true }
)

const commentLength = vine.createRule<{ label: string }>((value, { label }, field) => {
  if (typeof value === 'string' && value.length > COMMENT_MAX_LENGTH) {
    field.report(
      `Le commentaire sur « ${label} » doit avoir au plus 1 000 caractères.`,
      'commentLength',
      field
    )
  }
})

function perCriterion<Schema>(build: (criterion: ScoringCriterion, label: string) => Schema) {
  return Object.fromEntries(
    SCORING_CRITERIA.map((criterion) => [
      criterion,
      build(criterion, SCORING_CRITERION_LABELS[criterion].label),
    ])
  ) as Record<ScoringCriterion, Schema>
}

/**
 * A form with no radio ticked sends no `scores` at all: still check each
 * criterion, so that each gets its own message.
 */
const orEmptyObject = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {}

/**
 * One staff member's scores of an application: a score for every
 * criterion (`scores[motivation]`…) and an optional comment on each
 * (`comments[motivation]`…).
 */
export const applicationScoresValidator = vine.compile(
  vine.object({
    scores: vine
      .object(
        perCriterion((_criterion, label) => vine.any().use(scoreChoice({ label })).optional())
      )
      .parse(orEmptyObject),
    comments: vine
      .object(
        perCriterion((_criterion, label) =>
          vine.string().trim().use(commentLength({ label })).optional()
        )
      )
      .parse(orEmptyObject),
  })
)

/**
 * The scores as the action takes them: every criterion with its score and
 * comment (null when empty).
 */
export function scoresFromPayload(payload: Infer<typeof applicationScoresValidator>) {
  return perCriterion((criterion) => ({
    score: Number(payload.scores?.[criterion]) as ScoreValue,
    comment: payload.comments?.[criterion] || null,
  }))
}

function parseDay(value: unknown) {
  if (typeof value !== 'string') return null
  const date = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value.trim())
    ? DateTime.fromFormat(value.trim(), 'd/M/yyyy', { zone: PARIS })
    : DateTime.fromFormat(value.trim(), 'yyyy-MM-dd', { zone: PARIS })
  return date.isValid ? date : null
}

/**
 * The day of an invitation, as the date input sends it (2026-12-03) or as
 * typed where the browser shows a text box (03/12/2026): today or later,
 * within a year (a later date is most likely a typing mistake).
 */
const invitationDay = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const day = parseDay(value)
  if (!day) {
    field.report('Écrivez une date valide, par exemple : 03/12/2026.', 'invitationDay', field)
    return
  }
  const today = DateTime.now().setZone(PARIS).startOf('day')
  if (day < today) {
    field.report(
      'Cette date est passée : choisissez aujourd’hui ou un jour à venir.',
      'invitationDayPast',
      field
    )
    return
  }
  if (day > today.plus({ years: 1 })) {
    field.report('Choisissez une date dans les 12 prochains mois.', 'invitationDayFar', field)
    return
  }
  field.mutate(day.toISODate(), field)
})

/**
 * The time of an invitation: "09:30" from a time input, or "9:30" / "9h30"
 * typed by hand. Normalised to "HH:mm". Today, it must be still to come.
 */
const invitationTime = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const match = value.match(/^(\d{1,2})\s*[:hH]\s*(\d{2})$/)
  const hour = match ? Number(match[1]) : -1
  const minute = match ? Number(match[2]) : -1
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    field.report('Écrivez une heure valide, par exemple : 09:30.', 'invitationTime', field)
    return
  }
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  const day = parseDay(field.parent?.date)
  if (day && invitationMoment(day.toISODate()!, time) <= DateTime.now()) {
    field.report(
      'Cette heure est déjà passée : choisissez une heure à venir.',
      'invitationTimePast',
      field
    )
    return
  }
  field.mutate(time, field)
})

/**
 * A Paris day and time ("2026-12-03", "09:30") as a moment in UTC.
 */
export function invitationMoment(date: string, time: string) {
  return DateTime.fromISO(`${date}T${time}`, { zone: PARIS }).toUTC()
}

const meeting = {
  date: vine.string().trim().use(invitationDay()),
  start_time: vine.string().trim().use(invitationTime()),
  location: vine.string().trim().maxLength(200),
  message: vine.string().trim().maxLength(COMMENT_MAX_LENGTH).optional(),
}

/**
 * An invitation of one applicant to an information session or an
 * interview: when (Paris time), where, and an optional message.
 */
export const invitationValidator = vine.compile(
  vine.object({ kind: vine.enum(INVITATION_KINDS), ...meeting })
)

/**
 * The ids of the applications ticked on the pipeline list (`ids[]`): at
 * least one. Whether they belong to the cohort is the action's business.
 */
const selectedIds = vine.createRule(
  (value, _options, field) => {
    const list = value === undefined || value === null ? [] : [].concat(value as never)
    if (!list.length) {
      field.report('Cochez au moins une candidature à inviter.', 'selectedIds', field)
      return
    }
    const ids = list.map((item) => Number(item))
    if (ids.some((id) => !Number.isInteger(id) || id <= 0)) {
      field.report('La liste des candidatures cochées n’est pas valide.', 'selectedIds', field)
      return
    }
    field.mutate([...new Set(ids)], field)
  },
  { implicit: true }
)

/**
 * A collective information session for the applications ticked on the
 * pipeline list.
 */
export const bulkInvitationValidator = vine.compile(
  vine.object({ ids: vine.any().use(selectedIds()).optional(), ...meeting })
)

/**
 * What the invitation actions take, from either form.
 */
export function meetingFromPayload(payload: {
  date: string
  start_time: string
  location: string
  message?: string | null
}) {
  return {
    startsAt: invitationMoment(payload.date, payload.start_time),
    location: payload.location,
    message: payload.message || null,
  }
}
