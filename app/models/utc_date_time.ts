import { DateTime } from 'luxon'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'

/**
 * Options for `@column.dateTime(utcDateTime)`: the value is written in UTC
 * whatever its zone. SQLite keeps timestamps as text without an offset, so
 * a Paris-time DateTime would otherwise be stored as Paris wall-clock time
 * and read back one or two hours off.
 */
export const utcDateTime = {
  prepare: (value: unknown, attribute: string, row: LucidRow) => {
    if (!DateTime.isDateTime(value)) return value
    const Model = row.constructor as LucidModel
    if (!value.isValid) {
      throw new Error(`${Model.name}.${attribute}: invalid date (${value.invalidReason})`)
    }
    const format = Model.query(row.$options).client.dialect.dateTimeFormat
    return value.toUTC().toFormat(format)
  },
  consume: (value: unknown) => {
    if (typeof value === 'string') return DateTime.fromSQL(value, { zone: 'utc' })
    if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
    return value
  },
}
