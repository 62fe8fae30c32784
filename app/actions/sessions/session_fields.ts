import type ClassSession from '#models/class_session'
import { parisSlot } from '#actions/sessions/check_session_slot'

/**
 * What a coordinator enters for a session (Paris day and times).
 */
export type SessionFields = {
  date: string
  startTime: string
  endTime: string
  programmeModuleId: number
  trainerId?: number | null
  room?: string | null
  partnerCompanyId?: number | null
  allowSharedTrainer?: boolean
}

/**
 * Copies the fields onto the session (not saved).
 */
export function assignSessionFields(session: ClassSession, fields: SessionFields) {
  const { startsAt, endsAt } = parisSlot(fields.date, fields.startTime, fields.endTime)
  session.merge({
    startsAt,
    endsAt,
    programmeModuleId: fields.programmeModuleId,
    trainerId: fields.trainerId ?? null,
    room: fields.room?.trim() || null,
    partnerCompanyId: fields.partnerCompanyId ?? null,
  })
}
