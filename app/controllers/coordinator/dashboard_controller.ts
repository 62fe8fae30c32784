import type { HttpContext } from '@adonisjs/core/http'
import BuildCoordinatorDashboard from '#actions/dashboards/build_coordinator_dashboard'
import Organization from '#models/organization'

export default class DashboardController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const organization = await Organization.findOrFail(user.organizationId)
    const dashboard = await new BuildCoordinatorDashboard().handle({ organization })
    return view.render('pages/coordinator/dashboard', { organization, ...dashboard })
  }
}
