import vine from '@vinejs/vine'

/**
 * The largest id a row can have (an `integer` column in PostgreSQL). A
 * larger number, sent by hand, is refused before it reaches the database,
 * which would otherwise fail on it.
 */
export const MAX_ROW_ID = 2_147_483_647

/**
 * The id of a row chosen in a form (a select's value).
 */
export const rowId = () => vine.number().withoutDecimals().positive().max(MAX_ROW_ID)
