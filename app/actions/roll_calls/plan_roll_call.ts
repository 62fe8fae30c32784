import type { DateTime } from 'luxon'
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '#enums/attendance_status'
import type { SignatureMethod } from '#enums/signature_method'
import type { RollCallRecord, RollCallRow } from '#actions/roll_calls/roll_call_rows'

/**
 * One line as the form sends it. `seen` is the line's value when the page
 * was loaded (see `fingerprint`): it tells what the person changed from
 * what someone else changed meanwhile.
 */
export type RollCallLineInput = {
  status?: string | null
  minutes?: string | null
  paper?: boolean | null
  seen?: string | null
}

export type RollCallInput = {
  rows: Record<string, RollCallLineInput>
  /** "Tout le monde est présent": lines left without an answer become present. */
  allPresent: boolean
  reason?: string | null
  /** The trainer signed the paper sheet (recorded by a coordinator). */
  trainerPaper?: boolean
}

export type RollCallContext = {
  durationMinutes: number
  /** Coordinators and admins record paper signatures; trainers do not. */
  canRecordPaper: boolean
  /** The session's own trainer: lines they confirm are signed "by the trainer". */
  signsAsTrainer: boolean
  /** The session is over: changing an existing record is a correction. */
  isOver: boolean
  now: DateTime
}

/**
 * What one line becomes.
 */
export type RollCallWrite = {
  row: RollCallRow
  status: AttendanceStatus
  minutesMissed: number
  signedAt: DateTime | null
  signatureMethod: SignatureMethod | null
  signatureDevice: string | null
  signatureIp: string | null
}

export type RollCallPlan = {
  /** Messages by field (`rows.e12.status`, `reason`), in French. */
  errors: Record<string, string[]>
  /** A message about the whole form (nothing can be saved). */
  formError: string | null
  /** Lines changed both by the person and by someone else since the page was loaded. */
  conflicts: RollCallRow[]
  /** Lines someone else changed meanwhile, kept as they are now. */
  merged: RollCallRow[]
  writes: RollCallWrite[]
}

type LineValue = { status: AttendanceStatus; minutesMissed: number; paper: boolean }

/**
 * A line's value as a short text carried by the form: "none" without a
 * record, else "status:minutes:paper" (e.g. "late:15:0").
 */
export function fingerprint(value: LineValue | null) {
  return value ? `${value.status}:${value.minutesMissed}:${value.paper ? 1 : 0}` : 'none'
}

export function recordValue(record: RollCallRecord | null): LineValue | null {
  if (!record) return null
  return {
    status: record.status,
    minutesMissed: record.minutesMissed,
    paper: record.signatureMethod === 'paper',
  }
}

/**
 * Reads a fingerprint back; `undefined` when it is not one.
 */
function parseFingerprint(text: string | null | undefined): LineValue | null | undefined {
  if (text === 'none') return null
  const match = /^(present|late|absent):(\d{1,4}):([01])$/.exec(text ?? '')
  if (!match) return undefined
  return {
    status: match[1] as AttendanceStatus,
    minutesMissed: Number(match[2]),
    paper: match[3] === '1',
  }
}

const STATUS_WORDS = 'présent, en retard ou absent'

/**
 * Decides, without touching the database, what a roll call form does to
 * each expected trainee's record, or why it is refused.
 *
 * Checks, each with a message naming the trainee: every line is an
 * expected trainee; a status from the list for every line (or "everyone
 * present"); whole minutes, from 0 to less than the session's length, more
 * than 0 when late (absent lines ignore minutes); paper only for people
 * present or late.
 *
 * Concurrency, line by line, comparing three values — what the page showed
 * (`seen`), what the person sent (`mine`) and what the database holds now
 * (`current`):
 * - mine = current: nothing to write;
 * - current = seen (nobody else touched it): mine is written;
 * - mine = seen (only someone else changed it): theirs is kept (merged);
 * - otherwise both changed it: a conflict, and nothing at all is saved.
 * A line left blank while someone else recorded it meanwhile keeps their
 * value; "everyone present" fills only lines still without a record.
 */
export function planRollCall(
  rows: RollCallRow[],
  input: RollCallInput,
  context: RollCallContext
): RollCallPlan {
  const plan: RollCallPlan = { errors: {}, formError: null, conflicts: [], merged: [], writes: [] }
  const byKey = new Map(rows.map((row) => [row.key, row]))

  const unknown = Object.keys(input.rows).filter((key) => !byKey.has(key))
  if (unknown.length) {
    plan.formError =
      'La liste a changé depuis l’ouverture de la page : une personne du formulaire n’est pas attendue à cette séance (inscription ou sortie à cette date). Rien n’est enregistré. Vérifiez la liste ci-dessous et enregistrez à nouveau.'
    return plan
  }

  const fail = (field: string, message: string) => {
    plan.errors[field] = [...(plan.errors[field] ?? []), message]
  }

  for (const [key, line] of Object.entries(input.rows)) {
    const row = byKey.get(key)!
    const current = recordValue(row.record)
    const seen = parseFingerprint(line.seen)
    if (seen === undefined) {
      plan.formError =
        'Le formulaire est incomplet. Rien n’est enregistré : rechargez la page et recommencez.'
      return plan
    }

    const typed = (line.status ?? '').trim()
    if (!typed) {
      if (current) {
        if (fingerprint(current) !== fingerprint(seen)) plan.merged.push(row)
        continue
      }
      if (input.allPresent) {
        plan.writes.push(write(row, { status: 'present', minutesMissed: 0, paper: false }, context))
        continue
      }
      fail(`rows.${key}.status`, `Choisissez ${STATUS_WORDS} pour ${row.name}.`)
      continue
    }
    if (!(ATTENDANCE_STATUSES as readonly string[]).includes(typed)) {
      fail(`rows.${key}.status`, `Choisissez ${STATUS_WORDS} pour ${row.name}.`)
      continue
    }
    const status = typed as AttendanceStatus

    const minutes = parseMinutes(line.minutes)
    let minutesMissed = 0
    if (status !== 'absent') {
      if (minutes === undefined) {
        fail(`rows.${key}.minutes`, `Écrivez un nombre entier de minutes pour ${row.name}.`)
        continue
      }
      if (minutes >= context.durationMinutes) {
        fail(
          `rows.${key}.minutes`,
          `${row.name} ne peut pas avoir manqué ${minutes} minutes : la séance dure ${context.durationMinutes} minutes. Pour une absence, choisissez « Absent ».`
        )
        continue
      }
      if (status === 'late' && minutes === 0) {
        fail(`rows.${key}.minutes`, `Indiquez combien de minutes de retard a eu ${row.name}.`)
        continue
      }
      minutesMissed = minutes
    }

    const paper = context.canRecordPaper ? line.paper === true : (seen?.paper ?? false)
    if (paper && status === 'absent') {
      fail(
        `rows.${key}.paper`,
        `${row.name} est absent·e : décochez « Signé sur papier » ou choisissez une autre présence.`
      )
      continue
    }

    const mine: LineValue = { status, minutesMissed, paper }
    if (fingerprint(mine) === fingerprint(current)) continue
    if (fingerprint(current) === fingerprint(seen)) {
      plan.writes.push(write(row, mine, context))
    } else if (fingerprint(mine) === fingerprint(seen)) {
      plan.merged.push(row)
    } else {
      plan.conflicts.push(row)
    }
  }

  const corrects = plan.writes.some((entry) => entry.row.record !== null)
  if (context.isOver && corrects && !input.reason?.trim()) {
    fail(
      'reason',
      'Indiquez le motif de la correction : la séance est terminée, chaque modification est tracée.'
    )
  }
  return plan
}

/**
 * The new record of a line, with its signature proof:
 * - absent: no signature;
 * - ticked "signé sur papier": a paper signature (its first time kept);
 * - a signature already there (the trainee's phone, the trainer) is kept;
 * - otherwise the session's trainer signs for the trainee; a coordinator
 *   records the presence without a signature.
 */
function write(row: RollCallRow, value: LineValue, context: RollCallContext): RollCallWrite {
  const base = { row, status: value.status, minutesMissed: value.minutesMissed }
  const unsigned = {
    signedAt: null,
    signatureMethod: null,
    signatureDevice: null,
    signatureIp: null,
  }
  const record = row.record

  if (value.status === 'absent') return { ...base, ...unsigned }
  if (value.paper) {
    const keep = record?.signatureMethod === 'paper' && record.signedAt
    return {
      ...base,
      ...unsigned,
      signedAt: keep ? record.signedAt : context.now,
      signatureMethod: 'paper',
    }
  }
  if (record?.signedAt && record.signatureMethod && record.signatureMethod !== 'paper') {
    return {
      ...base,
      signedAt: record.signedAt,
      signatureMethod: record.signatureMethod,
      signatureDevice: record.signatureDevice,
      signatureIp: record.signatureIp,
    }
  }
  if (context.signsAsTrainer) {
    return { ...base, ...unsigned, signedAt: context.now, signatureMethod: 'trainer' }
  }
  return { ...base, ...unsigned }
}

/**
 * Whole minutes from the form: empty means 0; anything else but digits is
 * refused (`undefined`).
 */
function parseMinutes(value: string | null | undefined) {
  const text = (value ?? '').trim()
  if (!text) return 0
  if (!/^\d{1,5}$/.test(text)) return undefined
  return Number(text)
}
