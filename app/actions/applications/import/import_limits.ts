/**
 * What an applicant import accepts. The row limit keeps one import (and
 * its preview page and transaction) small enough to check by eye; a
 * larger referral list is split into several files.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export const MAX_IMPORT_ROWS = 2000

export const MAX_IMPORT_COLUMNS = 200

/**
 * An XLSX file is a zip: its contents once uncompressed may not exceed
 * this, so a small file cannot blow up in memory (2 000 rows of 20 cells
 * take a few megabytes of XML).
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024

/**
 * "5 Mo", "2 000": how the limits are written for a person.
 */
export const MAX_IMPORT_SIZE_LABEL = '5 Mo'
export const MAX_IMPORT_ROWS_LABEL = new Intl.NumberFormat('fr-FR').format(MAX_IMPORT_ROWS)
