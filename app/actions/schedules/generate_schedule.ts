import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import ProgrammeModule from '#models/programme_module'
import Site from '#models/site'
import { holidaysBetween } from '#services/holidays'
import {
  planSchedule,
  ScheduleError,
  type Closure,
  type PlanResult,
  type WeeklySlot,
} from '#actions/schedules/plan_schedule'

export type GenerateScheduleParams = {
  cohort: Cohort
  pattern: WeeklySlot[]
  closures?: Closure[]
  /** Room written on the new in-centre sessions. */
  room?: string | null
  /** The coordinator agreed to replace the future sessions already there. */
  replace?: boolean
  now?: DateTime
}

export type GenerateScheduleResult = PlanResult & {
  created: number
  /** Minutes of the new sessions. */
  createdMinutes: number
  replaced: number
  kept: number
}

/**
 * Generates (or regenerates) a cohort's schedule in one transaction.
 *
 * Regenerating replaces only the FUTURE sessions (starting after `now`)
 * that have no attendance record. Past sessions and sessions with
 * attendance are kept: their hours (unless cancelled) count as already
 * done for their module, and new sessions never overlap a kept one. No
 * session is created in the past: a cohort already running is scheduled
 * from now on. When future sessions would be replaced, the coordinator
 * must say so (`replace`), or nothing changes.
 */
export default class GenerateSchedule {
  async handle({
    cohort,
    pattern,
    closures = [],
    room = null,
    replace = false,
    now = DateTime.now(),
  }: GenerateScheduleParams): Promise<GenerateScheduleResult> {
    if (cohort.status === 'completed' || cohort.status === 'cancelled') {
      throw new ScheduleError(
        'cohort_closed',
        'Cette promotion est terminée ou annulée : son planning ne peut plus être généré.'
      )
    }
    const site = await Site.findOrFail(cohort.siteId)
    const modules = await ProgrammeModule.query()
      .where('organization_id', cohort.organizationId)
      .where('programme_id', cohort.programmeId)
      .orderBy('position', 'asc')
      .orderBy('id', 'asc')
    const startsOn = cohort.startsOn.toISODate()!
    const endsOn = cohort.endsOn.toISODate()!
    const holidays = holidaysBetween(site.departmentCode, startsOn, endsOn)

    return db.transaction(async (trx) => {
      const existing = await ClassSession.query({ client: trx })
        .where('cohort_id', cohort.id)
        .withCount('attendanceRecords')
      const isKept = (session: ClassSession) =>
        session.startsAt <= now || Number(session.$extras.attendanceRecords_count) > 0
      const kept = existing.filter(isKept)
      const replaceable = existing.filter((session) => !isKept(session))

      const done = new Map<number, number>()
      for (const session of kept) {
        if (session.isCancelled || session.programmeModuleId === null) continue
        const id = session.programmeModuleId
        done.set(id, (done.get(id) ?? 0) + session.durationMinutes)
      }

      const plan = planSchedule({
        startsOn,
        endsOn,
        pattern,
        closures,
        holidays,
        modules: modules.map((module) => ({
          id: module.id,
          title: module.title,
          plannedHours: module.plannedHours,
          location: module.location,
          doneHours: (done.get(module.id) ?? 0) / 60,
        })),
        notBefore: now,
        busy: kept
          .filter((session) => session.endsAt > now && !session.isCancelled)
          .map(({ startsAt, endsAt }) => ({ startsAt, endsAt })),
      })

      if (replaceable.length > 0 && !replace) {
        throw new ScheduleError(
          'confirmation_needed',
          `Cette promotion a déjà ${replaceable.length} séance(s) à venir sans émargement. Cochez la case pour les remplacer par le nouveau planning.`,
          'replace'
        )
      }

      for (let i = 0; i < replaceable.length; i += 500) {
        await ClassSession.query({ client: trx })
          .whereIn(
            'id',
            replaceable.slice(i, i + 500).map((session) => session.id)
          )
          .whereNotExists((query) =>
            query
              .from('attendance_records')
              .whereColumn('attendance_records.class_session_id', 'class_sessions.id')
          )
          .delete()
      }

      await ClassSession.createMany(
        plan.sessions.map((session) => ({
          organizationId: cohort.organizationId,
          cohortId: cohort.id,
          programmeModuleId: session.moduleId,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          room: session.inCompany ? null : room || null,
          trainerId: null,
          partnerCompanyId: null,
          isCancelled: false,
        })),
        { client: trx }
      )

      return {
        ...plan,
        created: plan.sessions.length,
        createdMinutes: plan.modules.reduce((sum, module) => sum + module.newMinutes, 0),
        replaced: replaceable.length,
        kept: kept.length,
      }
    })
  }
}
