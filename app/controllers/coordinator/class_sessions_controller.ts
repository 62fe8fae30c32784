import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import type User from '#models/user'
import type Cohort from '#models/cohort'
import { classSessionValidator } from '#validators/class_session'
import BuildSessionForm from '#actions/sessions/build_session_form'
import AddClassSession from '#actions/sessions/add_class_session'
import UpdateClassSession from '#actions/sessions/update_class_session'
import CancelClassSession from '#actions/sessions/cancel_class_session'
import RestoreClassSession from '#actions/sessions/restore_class_session'

/**
 * The cohort's schedule page (built in the schedules area).
 */
const planningPath = (cohortId: number) => `/coordination/promotions/${cohortId}/planning`

const TOLD = ' Les stagiaires ont reçu un e-mail.'

export default class ClassSessionsController {
  async create({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail(), params.id)
    const form = await new BuildSessionForm().handle({ cohort })
    return view.render('pages/coordinator/sessions/create', { cohort, ...form })
  }

  async store({ auth, params, request, response, session, bouncer }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail(), params.id)
    await bouncer.with('CohortPolicy').authorize('update', cohort)
    const fields = await request.validateUsing(classSessionValidator, { meta: meta(cohort) })
    const { notified } = await new AddClassSession().handle({ cohort, fields })
    session.flash('success', 'La séance est ajoutée.' + (notified ? TOLD : ''))
    return response.redirect(planningPath(cohort.id))
  }

  async edit({ auth, params, view }: HttpContext) {
    const classSession = await findSession(auth.getUserOrFail(), params.id)
    const form = await new BuildSessionForm().handle({
      cohort: classSession.cohort,
      session: classSession,
    })
    return view.render('pages/coordinator/sessions/edit', { classSession, ...form })
  }

  async update({ auth, params, request, response, session, bouncer }: HttpContext) {
    const classSession = await findSession(auth.getUserOrFail(), params.id)
    await bouncer.with('ClassSessionPolicy').authorize('update', classSession)
    const fields = await request.validateUsing(classSessionValidator, {
      meta: meta(classSession.cohort),
    })
    const { notified } = await new UpdateClassSession().handle({ session: classSession, fields })
    session.flash('success', 'La séance est enregistrée.' + (notified ? TOLD : ''))
    return response.redirect(planningPath(classSession.cohortId))
  }

  async cancel({ auth, params, response, session, bouncer }: HttpContext) {
    const classSession = await findSession(auth.getUserOrFail(), params.id)
    await bouncer.with('ClassSessionPolicy').authorize('update', classSession)
    const { notified } = await new CancelClassSession().handle({ session: classSession })
    session.flash('success', 'La séance est annulée.' + (notified ? TOLD : ''))
    return response.redirect(planningPath(classSession.cohortId))
  }

  async restore({ auth, params, response, session, bouncer }: HttpContext) {
    const classSession = await findSession(auth.getUserOrFail(), params.id)
    await bouncer.with('ClassSessionPolicy').authorize('update', classSession)
    const { notified } = await new RestoreClassSession().handle({ session: classSession })
    session.flash('success', 'La séance est rétablie.' + (notified ? TOLD : ''))
    return response.redirect(planningPath(classSession.cohortId))
  }
}

/**
 * Records are loaded through the user's organisation: another
 * organisation's id is a 404.
 */
async function findCohort(user: User, id: number) {
  const organization = await Organization.findOrFail(user.organizationId)
  return organization.related('cohorts').query().where('id', id).firstOrFail()
}

async function findSession(user: User, id: number) {
  const organization = await Organization.findOrFail(user.organizationId)
  return organization
    .related('classSessions')
    .query()
    .where('id', id)
    .preload('cohort')
    .preload('programmeModule')
    .firstOrFail()
}

function meta(cohort: Cohort) {
  return { organizationId: cohort.organizationId, programmeId: cohort.programmeId }
}
