import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import limiter from '@adonisjs/limiter/services/main'
import ClassSession from '#models/class_session'
import AttendanceRecord from '#models/attendance_record'
import type User from '#models/user'
import { personSessions } from '#actions/calendars/person_sessions'
import { loadRollCallRows } from '#actions/roll_calls/roll_call_rows'
import {
  OPENS_BEFORE_START_MINUTES,
  clock,
  isOpenYet,
  isOver,
  opensAt,
  statusWhenSigning,
} from '#actions/roll_calls/roll_call_rules'
import { checkSigningCode, isCurrentSigningCode } from '#services/signing_code'
import { changedFields, recordAudit } from '#services/audit'
import { sqlDateTime } from '#services/sql_time'

export type SigningResult = {
  signed: boolean
  message: string
  /** The refusal is about the code typed: shown on the code field. */
  field?: 'code'
}

/**
 * Wrong codes allowed per trainee before signing is refused for a while:
 * enough for typos, far too few to guess one of a million codes.
 */
export const SIGNING_ATTEMPTS = { requests: 5, duration: '1 min', blockDuration: '5 mins' } as const

/**
 * A trainee signs their own presence at a session of theirs with the code
 * the trainer shows. Only during the session's signing window, only when
 * enrolled on its day, once: a second signature keeps the first. The proof
 * (time, method "trainee_phone", device, IP) is stored with the record;
 * signing after the start plus 10 minutes records a lateness.
 *
 * The trainee signs for themself only: the record is found from the
 * signed-in account, never from the form. A session that is not theirs is
 * a 404. Wrong, expired or other-session codes count against a limit
 * (SIGNING_ATTEMPTS); refusals that do not test a code do not count and
 * do not reset it.
 */
export default class SignAttendance {
  async handle({
    user,
    sessionId,
    code,
    device = null,
    ip = null,
    now = DateTime.now(),
  }: {
    user: User
    sessionId: number
    code: string
    device?: string | null
    ip?: string | null
    now?: DateTime
  }): Promise<SigningResult> {
    const session = await personSessions(user).where('id', sessionId).firstOrFail()
    const attempts = limiter.use(SIGNING_ATTEMPTS)
    const key = `attendance_signing_${user.id}`

    const blockedFor = await attempts.availableIn(key)
    if (blockedFor > 0) {
      const minutes = Math.max(1, Math.ceil(blockedFor / 60))
      return refused(
        `Trop de codes faux. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou demandez à votre formateur ou formatrice de noter votre présence.`
      )
    }

    const result = await db.transaction(async (trx) => {
      const query = ClassSession.query({ client: trx }).where('id', session.id)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const fresh = await query.firstOrFail()

      if (fresh.isCancelled) return refused('Cette séance est annulée : il n’y a rien à signer.')
      if (!isOpenYet(fresh, now)) {
        return refused(
          `La signature de cette séance ouvre à ${clock(opensAt(fresh))}, ${OPENS_BEFORE_START_MINUTES} minutes avant son début.`
        )
      }
      if (isOver(fresh, now)) {
        return refused(
          'Cette séance est terminée : la signature est fermée. Si vous étiez là, dites-le à votre formateur ou formatrice.'
        )
      }

      const [row] = await loadRollCallRows(fresh, { client: trx, userId: user.id })
      if (!row) {
        return refused(
          'Vous n’êtes pas inscrit à cette séance à cette date. Voyez avec votre chargé ou chargée de parcours.'
        )
      }
      const record = row.record
      if (record?.signedAt) {
        return refused(
          record.signatureMethod === 'trainee_phone'
            ? `Vous avez déjà signé pour cette séance, à ${clock(record.signedAt)}. Votre première signature est gardée.`
            : 'Votre présence à cette séance est déjà notée. Votre première signature est gardée.'
        )
      }
      if (record?.status === 'absent' && record.announcedAt) {
        return refused(
          'Vous avez annoncé une absence pour cette séance. Si vous êtes là, dites-le à votre formateur ou formatrice : l’appel sera corrigé.'
        )
      }

      const check = checkSigningCode(fresh.id, code, now, opensAt(fresh))
      if (check !== 'valid')
        return { ...refused(await codeRefusal(trx, fresh, code, check, now)), attempt: true }

      // A presence already noted keeps its status; otherwise the time decides.
      const value =
        record && record.status !== 'absent'
          ? { status: record.status, minutesMissed: record.minutesMissed }
          : statusWhenSigning(fresh, now)
      const proof = {
        signedAt: now,
        signatureMethod: 'trainee_phone' as const,
        signatureDevice: device ? device.slice(0, 255) : null,
        signatureIp: ip ? ip.slice(0, 45) : null,
      }

      if (record) {
        await AttendanceRecord.query({ client: trx })
          .where('id', record.id)
          .update({
            status: value.status,
            minutes_missed: value.minutesMissed,
            signed_at: sqlDateTime(now),
            signature_method: proof.signatureMethod,
            signature_device: proof.signatureDevice,
            signature_ip: proof.signatureIp,
            recorded_by_id: user.id,
            updated_at: sqlDateTime(now),
          })
        await recordAudit(trx, [
          {
            organizationId: fresh.organizationId,
            userId: user.id,
            action: 'attendance.updated',
            subjectType: 'attendance_records',
            subjectId: record.id,
            changes: changedFields(
              { status: record.status, minutesMissed: record.minutesMissed, signatureMethod: null },
              { ...value, signatureMethod: proof.signatureMethod }
            ),
            reason: 'Signature du stagiaire sur son téléphone',
            ip,
          },
        ])
      } else {
        await AttendanceRecord.create(
          {
            organizationId: fresh.organizationId,
            classSessionId: fresh.id,
            enrollmentId: row.enrollmentId,
            ...value,
            ...proof,
            recordedById: user.id,
          },
          { client: trx }
        )
      }

      return {
        signed: true,
        message:
          value.status === 'late'
            ? `C’est signé, à ${clock(now)}. Vous êtes noté en retard de ${value.minutesMissed} minutes.`
            : `C’est signé, à ${clock(now)}. Votre présence est notée.`,
      }
    })

    if ('attempt' in result) {
      const { consumed, limit } = await attempts.increment(key)
      if (consumed >= limit) await attempts.block(key, SIGNING_ATTEMPTS.blockDuration)
      return { signed: false, message: result.message, field: 'code' }
    }
    if (result.signed) await attempts.delete(key)
    return result
  }
}

function refused(message: string): SigningResult {
  return { signed: false, message }
}

/**
 * Why a code is not accepted: too old, another session's (open now in the
 * organisation), or simply wrong.
 */
async function codeRefusal(
  trx: TransactionClientContract,
  session: ClassSession,
  code: string,
  check: 'expired' | 'wrong',
  now: DateTime
) {
  if (check === 'expired') {
    return 'Ce code a expiré : tapez le code affiché maintenant par votre formateur ou formatrice.'
  }
  const others = await ClassSession.query({ client: trx })
    .where('organization_id', session.organizationId)
    .where('is_cancelled', false)
    .whereNot('id', session.id)
    .where('starts_at', '<=', sqlDateTime(now.plus({ minutes: OPENS_BEFORE_START_MINUTES })))
    .where('ends_at', '>', sqlDateTime(now))
    .select('id')
  if (others.some((other) => isCurrentSigningCode(other.id, code, now))) {
    return 'Ce code est celui d’une autre séance. Vérifiez que vous signez pour votre séance, dans votre salle.'
  }
  return 'Ce code n’est pas le bon. Vérifiez les 6 chiffres affichés par votre formateur ou formatrice.'
}
