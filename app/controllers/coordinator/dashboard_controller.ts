import type { HttpContext } from '@adonisjs/core/http'
import BuildCoordinatorDashboard from '#actions/dashboards/build_coordinator_dashboard'
import BuildAttendanceDashboard from '#actions/attendance/build_attendance_dashboard'
import Organization from '#models/organization'
import * as attendanceWording from '#actions/attendance/attendance_wording'

export default class DashboardController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const organization = await Organization.findOrFail(user.organizationId)
    const [dashboard, attendance] = await Promise.all([
      new BuildCoordinatorDashboard().handle({ organization }),
      new BuildAttendanceDashboard().handle({ organization }),
    ])
    return view.render('pages/coordinator/dashboard', {
      organization,
      ...dashboard,
      attendance,
      attendanceWording,
    })
  }
}
