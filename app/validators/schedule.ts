import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import type { Closure, WeeklySlot } from '#actions/schedules/plan_schedule'

const time = () =>
  vine
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)

/**
 * A date of a date input, as an ISO date ('2026-05-04'). VineJS parses it
 * at local midnight: read the local parts back.
 */
const isoDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
const day = () => vine.date({ formats: ['YYYY-MM-DD'] })

/**
 * The generation form: rows of a weekly pattern (day, start, end) and of
 * closure periods (from, to), a room, and the agreement to replace the
 * future sessions. Entirely empty rows are ignored; a row filled in part
 * gets a message on its missing field.
 */
export const generateScheduleValidator = vine.compile(
  vine.object({
    pattern: vine
      .array(
        vine.object({
          day: vine
            .number()
            .in([1, 2, 3, 4, 5, 6, 7])
            .optional()
            .requiredIfAnyExists(['start', 'end']),
          start: time().optional().requiredIfAnyExists(['day', 'end']),
          end: time().optional().requiredIfAnyExists(['day', 'start']),
        })
      )
      .maxLength(30)
      .optional(),
    closures: vine
      .array(
        vine.object({
          from: day().transform(isoDate).optional().requiredIfExists('to'),
          to: day().afterOrSameAs('from').transform(isoDate).optional().requiredIfExists('from'),
        })
      )
      .maxLength(20)
      .optional(),
    room: vine.string().trim().maxLength(100).optional(),
    replace: vine.boolean().optional(),
  })
)

export type GenerateScheduleInput = Infer<typeof generateScheduleValidator>

/**
 * The validated form as the generator's input, keeping each row's index so
 * that an error finds its field.
 */
export function scheduleFormToPlan(input: GenerateScheduleInput) {
  const pattern: WeeklySlot[] = []
  ;(input.pattern ?? []).forEach((row, index) => {
    if (row.day && row.start && row.end) {
      pattern.push({ weekday: row.day, start: row.start, end: row.end, row: index })
    }
  })
  const closures: Closure[] = []
  ;(input.closures ?? []).forEach((row, index) => {
    if (row.from && row.to) closures.push({ from: row.from, to: row.to, row: index })
  })
  return { pattern, closures, room: input.room ?? null, replace: input.replace ?? false }
}

/**
 * The pattern the form shows first: Monday to Thursday 9:00–12:30 and
 * 13:30–17:00, Friday morning.
 */
export const DEFAULT_PATTERN: { day: number; start: string; end: string }[] = [
  ...[1, 2, 3, 4].flatMap((weekday) => [
    { day: weekday, start: '09:00', end: '12:30' },
    { day: weekday, start: '13:30', end: '17:00' },
  ]),
  { day: 5, start: '09:00', end: '12:30' },
]

export const PATTERN_ROWS = 12
export const CLOSURE_ROWS = 4
