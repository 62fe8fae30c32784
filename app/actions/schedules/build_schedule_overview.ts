import { DateTime } from 'luxon'
import type Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import ProgrammeModule from '#models/programme_module'
import Site from '#models/site'
import { holidaysBetween } from '#services/holidays'
import { formatMinutes } from '#actions/schedules/plan_schedule'
import { PARIS } from '#services/sql_time'

export type ModuleRow = {
  title: string
  inCompany: boolean
  plannedMinutes: number
  scheduledMinutes: number
  planned: string
  scheduled: string
  /** 'met', 'missing' or 'extra' */
  state: 'met' | 'missing' | 'extra'
  /** The difference in words: 'Conforme', 'Il manque 3 h 30', '2 h de trop'. */
  difference: string
}

export type SessionRow = {
  session: ClassSession
  date: string
  times: string
  module: string
  inCompany: boolean
}

/**
 * What a sentence says about scheduled hours against the curriculum.
 */
export function describeDifference(plannedMinutes: number, scheduledMinutes: number) {
  const gap = scheduledMinutes - plannedMinutes
  if (gap === 0) return { state: 'met' as const, difference: 'Conforme' }
  if (gap < 0) return { state: 'missing' as const, difference: `Il manque ${formatMinutes(gap)}` }
  return { state: 'extra' as const, difference: `${formatMinutes(gap)} de trop` }
}

export function sessionRow(session: ClassSession): SessionRow {
  const start = session.startsAt.setZone(PARIS).setLocale('fr')
  const end = session.endsAt.setZone(PARIS)
  return {
    session,
    date: start.toFormat('cccc d LLLL'),
    times: `${start.toFormat("HH'h'mm")} – ${end.toFormat("HH'h'mm")}`,
    module: session.programmeModule?.title ?? 'Sans module',
    inCompany: session.programmeModule?.location === 'company',
  }
}

/**
 * A cohort's schedule page: per module, the curriculum's hours against
 * the hours of its non-cancelled sessions; the sessions by week (Paris
 * time); the public holidays of the period; how many future sessions a
 * regeneration would replace. Four queries whatever the cohort's size.
 */
export default class BuildScheduleOverview {
  async handle({ cohort, now = DateTime.now() }: { cohort: Cohort; now?: DateTime }) {
    const site = await Site.findOrFail(cohort.siteId)
    const modules = await ProgrammeModule.query()
      .where('organization_id', cohort.organizationId)
      .where('programme_id', cohort.programmeId)
      .orderBy('position', 'asc')
      .orderBy('id', 'asc')
    const sessions = await ClassSession.query()
      .where('cohort_id', cohort.id)
      .preload('programmeModule')
      .preload('trainer')
      .withCount('attendanceRecords')
      .orderBy('starts_at', 'asc')

    const scheduled = new Map<number | null, number>()
    for (const session of sessions) {
      if (session.isCancelled) continue
      const key = session.programmeModuleId
      scheduled.set(key, (scheduled.get(key) ?? 0) + session.durationMinutes)
    }

    const moduleRows: ModuleRow[] = modules.map((module) => {
      const plannedMinutes = Math.round(module.plannedHours * 60)
      const scheduledMinutes = scheduled.get(module.id) ?? 0
      return {
        title: module.title,
        inCompany: module.location === 'company',
        plannedMinutes,
        scheduledMinutes,
        planned: formatMinutes(plannedMinutes),
        scheduled: formatMinutes(scheduledMinutes),
        ...describeDifference(plannedMinutes, scheduledMinutes),
      }
    })
    const plannedTotal = moduleRows.reduce((sum, row) => sum + row.plannedMinutes, 0)
    const scheduledTotal = [...scheduled.values()].reduce((sum, minutes) => sum + minutes, 0)
    const withoutModule = scheduled.get(null) ?? 0

    const weeks: { start: DateTime; label: string; key: string; rows: SessionRow[] }[] = []
    for (const session of sessions) {
      const start = session.startsAt.setZone(PARIS).startOf('week')
      const key = start.toISODate()!
      let week = weeks.at(-1)
      if (!week || week.key !== key) {
        week = {
          start,
          key,
          label: `Semaine du ${start.setLocale('fr').toFormat('cccc d LLLL yyyy')}`,
          rows: [],
        }
        weeks.push(week)
      }
      week.rows.push(sessionRow(session))
    }

    const holidays = [
      ...holidaysBetween(site.departmentCode, cohort.startsOn, cohort.endsOn).entries(),
    ].map(([date, name]) => ({
      name,
      date: DateTime.fromISO(date, { zone: PARIS }).setLocale('fr').toFormat('cccc d LLLL yyyy'),
    }))

    const replaceable = sessions.filter(
      (session) => session.startsAt > now && Number(session.$extras.attendanceRecords_count) === 0
    ).length

    return {
      site,
      modules: moduleRows,
      totals: {
        planned: formatMinutes(plannedTotal),
        scheduled: formatMinutes(scheduledTotal),
        withoutModule: withoutModule > 0 ? formatMinutes(withoutModule) : null,
        ...describeDifference(plannedTotal, scheduledTotal),
      },
      weeks,
      sessionCount: sessions.length,
      holidays,
      replaceable,
    }
  }
}
