import type { HttpContext } from '@adonisjs/core/http'
import BuildMyAttendance from '#actions/attendance/build_my_attendance'
import * as wording from '#actions/attendance/attendance_wording'

export default class AttendanceController {
  /**
   * "Mes présences": the signed-in trainee's own hours and absences.
   */
  async show({ auth, view }: HttpContext) {
    const page = await new BuildMyAttendance().handle({ user: auth.getUserOrFail() })
    return view.render('pages/trainee/attendance/show', { ...page, wording })
  }
}
