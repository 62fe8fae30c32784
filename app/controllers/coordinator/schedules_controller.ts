import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import type User from '#models/user'
import CohortPolicy from '#policies/cohort_policy'
import BuildScheduleOverview from '#actions/schedules/build_schedule_overview'
import BuildScheduleWeek from '#actions/schedules/build_schedule_week'
import GenerateSchedule from '#actions/schedules/generate_schedule'
import { ScheduleError, formatMinutes } from '#actions/schedules/plan_schedule'
import {
  CLOSURE_ROWS,
  DEFAULT_PATTERN,
  PATTERN_ROWS,
  generateScheduleValidator,
  scheduleFormToPlan,
} from '#validators/schedule'

export default class SchedulesController {
  /**
   * The cohort's schedule: hours per module, sessions by week, the
   * generation form.
   */
  async show({ auth, bouncer, params, view }: HttpContext) {
    const cohort = await this.cohortOf(auth.getUserOrFail(), params.id)
    await bouncer.with(CohortPolicy).authorize('view', cohort)
    const overview = await new BuildScheduleOverview().handle({ cohort })
    return view.render('pages/coordinator/cohorts/schedule/show', {
      cohort,
      ...overview,
      form: { pattern: DEFAULT_PATTERN, patternRows: PATTERN_ROWS, closureRows: CLOSURE_ROWS },
    })
  }

  async generate({ auth, bouncer, params, request, response, session }: HttpContext) {
    const cohort = await this.cohortOf(auth.getUserOrFail(), params.id)
    await bouncer.with(CohortPolicy).authorize('update', cohort)
    const input = scheduleFormToPlan(await request.validateUsing(generateScheduleValidator))
    try {
      const result = await new GenerateSchedule().handle({ cohort, ...input })
      session.flash(
        'success',
        `Planning généré : ${result.created} séances (${formatMinutes(result.createdMinutes)}). ${result.kept} séances passées ou émargées gardées, ${result.replaced} séances à venir remplacées.`
      )
    } catch (error) {
      this.flashRefusal(error, session)
    }
    return response.redirect().toRoute('coordinator.cohorts.schedule.show', { id: cohort.id })
  }

  /**
   * One week, laid out for printing (`?semaine=2026-09-07`).
   */
  async print({ auth, bouncer, params, request, view }: HttpContext) {
    const cohort = await this.cohortOf(auth.getUserOrFail(), params.id)
    await bouncer.with(CohortPolicy).authorize('view', cohort)
    const week = await new BuildScheduleWeek().handle({ cohort, day: request.input('semaine') })
    return view.render('pages/coordinator/cohorts/schedule/print', { cohort, week })
  }

  /**
   * A refused schedule: the message on its field (or at the top of the
   * page) and the form filled in again.
   */
  private flashRefusal(error: unknown, session: HttpContext['session']) {
    if (!(error instanceof ScheduleError)) throw error
    session.flashAll()
    if (error.field) session.flash('inputErrorsBag', { [error.field]: [error.message] })
    else session.flash('error', error.message)
  }

  private async cohortOf(user: User, id: number) {
    const organization = await Organization.findOrFail(user.organizationId)
    return organization
      .related('cohorts')
      .query()
      .where('id', id)
      .preload('programme')
      .firstOrFail()
  }
}
