import type { HttpContext } from '@adonisjs/core/http'
import AnonymizeTrainee from '#actions/privacy/anonymize_trainee'
import ExportPersonData, { findPerson } from '#actions/privacy/export_person_data'
import { APPLICATION_STATUS_LABELS } from '#actions/applications/pipeline_labels'
import { recordRqthRead } from '#services/sensitive_reads'
import { anonymizeValidator } from '#validators/personal_data'

/**
 * A person's data (coordinators, admins of their organisation): what is
 * held, the right of access (export) and erasure (anonymisation).
 */
export default class PersonalDataController {
  async show({ auth, bouncer, params, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const trainee = await findPerson(user.organizationId, params.id)
    await trainee.load('applications', (query) => query.preload('cohort').orderBy('created_at'))
    await trainee.load('enrollments', (query) => query.preload('cohort').orderBy('starts_on'))
    const showsHealthData = await bouncer.with('TraineePolicy').allows('viewHealthData', trainee)
    if (showsHealthData && !trainee.anonymizedAt) {
      await recordRqthRead({
        user,
        traineeIds: [trainee.id],
        where: 'page des données personnelles',
        ip: request.ip(),
      })
    }
    return view.render('pages/coordinator/people/show', {
      trainee,
      showsHealthData,
      statusLabels: APPLICATION_STATUS_LABELS,
    })
  }

  async export({ auth, params, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const trainee = await findPerson(user.organizationId, params.id)
    const file = await new ExportPersonData().handle({ trainee, user, ip: request.ip() })
    const day = new Date().toISOString().slice(0, 10)
    response.header('content-type', 'application/json; charset=utf-8')
    response.header('cache-control', 'no-store')
    response.header(
      'content-disposition',
      `attachment; filename="donnees-personnelles-${trainee.id}-${day}.json"`
    )
    return JSON.stringify(file, null, 2)
  }

  async anonymize({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const trainee = await findPerson(user.organizationId, params.id)
    await request.validateUsing(anonymizeValidator)
    if (trainee.anonymizedAt) {
      session.flash('error', 'Cette personne est déjà anonymisée.')
    } else {
      await new AnonymizeTrainee().handle({ trainee, user, cause: 'request', ip: request.ip() })
      session.flash(
        'success',
        'Les données identifiantes ont été effacées. Les chiffres des financeurs sont conservés.'
      )
    }
    return response.redirect().toRoute('coordinator.people.show', { id: trainee.id })
  }
}
