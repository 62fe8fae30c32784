import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'

/**
 * A calendar day written as the date input sends it (2026-03-02).
 */
const calendarDate = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
    field.report('Écrivez une date valide pour « {{ field }} ».', 'date', field)
  }
})

/**
 * A time of day: "09:00" from a time input, or "9:00" / "9h00" typed by
 * hand where the browser shows a text box. Normalised to "HH:mm".
 */
const clockTime = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const match = value.match(/^(\d{1,2})\s*[:hH]\s*(\d{2})$/)
  const hour = match ? Number(match[1]) : -1
  const minute = match ? Number(match[2]) : -1
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    field.report(
      'Écrivez une heure valide pour « {{ field }} », par exemple : 09:00.',
      'time',
      field
    )
    return
  }
  field.mutate(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, field)
})

type Meta = { organizationId: number; programmeId: number }

const id = () => rowId()

/**
 * A session of a cohort as the coordinator enters it: Paris day and times,
 * a module of the cohort's programme, a trainer, room and partner company
 * of the organisation. Clashes and the cohort's dates are checked by
 * `CheckSessionSlot`, which needs the database.
 */
export const classSessionValidator = vine.withMetaData<Meta>().compile(
  vine
    .object({
      date: vine.string().trim().use(calendarDate()),
      start_time: vine.string().trim().use(clockTime()),
      end_time: vine.string().trim().use(clockTime()),
      programme_module_id: id().exists(async (db, value, field) => {
        const row = await db
          .from('programme_modules')
          .where('id', value)
          .where('programme_id', field.meta.programmeId)
          .first()
        return !!row
      }),
      trainer_id: id()
        .exists(async (db, value, field) => {
          const row = await db
            .from('users')
            .where('id', value)
            .where('organization_id', field.meta.organizationId)
            .where('role', 'trainer')
            .first()
          return !!row
        })
        .nullable()
        .optional(),
      room: vine.string().trim().maxLength(100).nullable().optional(),
      partner_company_id: id()
        .exists(async (db, value, field) => {
          const row = await db
            .from('partner_companies')
            .where('id', value)
            .where('organization_id', field.meta.organizationId)
            .first()
          return !!row
        })
        .nullable()
        .optional(),
      allow_shared_trainer: vine.boolean().optional(),
    })
    .toCamelCase()
)

export type ClassSessionInput = Infer<typeof classSessionValidator>
