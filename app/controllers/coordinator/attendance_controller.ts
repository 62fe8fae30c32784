import type { HttpContext } from '@adonisjs/core/http'
import BuildCohortAttendancePage from '#actions/attendance/build_cohort_attendance_page'
import AcknowledgeAttendanceAlert from '#actions/attendance/acknowledge_attendance_alert'
import { findCohort } from '#actions/cohorts/find_cohort'
import { findEnrollment } from '#actions/attendance/find_enrollment'
import * as wording from '#actions/attendance/attendance_wording'
import { acknowledgeAlertValidator } from '#validators/attendance_alert'

/**
 * A cohort's hours and rates ("Présences de la promotion") and the
 * acknowledgement of attendance alerts (coordinators, admins).
 */
export default class AttendanceController {
  async show({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const page = await new BuildCohortAttendancePage().handle({ cohort })
    return view.render('pages/coordinator/attendance/show', { ...page, wording })
  }

  /**
   * "Alerte vue / traitée" on an enrollment's open alert of a kind.
   */
  async acknowledge({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrollment = await findEnrollment(user.organizationId, params.id)
    const { kind, note, back } = await request.validateUsing(acknowledgeAlertValidator)
    const alert = await new AcknowledgeAttendanceAlert().handle({ enrollment, kind, user, note })
    if (alert) {
      session.flash('success', 'L’alerte est marquée comme vue et traitée.')
    } else {
      session.flash('error', 'Cette alerte est déjà traitée ou n’existe plus.')
    }
    return back === 'cohort'
      ? response
          .redirect()
          .toRoute('coordinator.cohorts.attendance.show', { id: enrollment.cohortId })
      : response.redirect().toRoute('coordinator.dashboard')
  }
}
