import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import dispatcher from '#services/dispatcher'
import RefreshProgrammeResultsJob from '#jobs/refresh_programme_results_job'

/**
 * The coordinator's access to a programme's published results.
 * "Mettre à jour": recomputes the programme's published results now (a
 * job, so it runs in the worker with bullmq).
 */
export default class ProgrammeResultsRefreshController {
  /**
   * Sends the coordinator to the programme's public page (its address
   * needs the organisation's slug, which the programme page does not load).
   */
  async showPublic(ctx: HttpContext) {
    const { organization, programme } = await this.programmeOf(ctx)
    return ctx.response.redirect().toRoute('public.programme_results', {
      organizationSlug: organization.slug,
      programmeSlug: programme.slug,
    })
  }

  async refresh(ctx: HttpContext) {
    const { response, session } = ctx
    const { programme } = await this.programmeOf(ctx)
    const result = await dispatcher.dispatch(RefreshProgrammeResultsJob, {
      programmeId: programme.id,
    })
    if (result.driver === 'sync' && result.status === 'failed') {
      session.flash('error', 'Les résultats n’ont pas pu être mis à jour. Réessayez plus tard.')
    } else {
      session.flash(
        'success',
        result.driver === 'sync'
          ? 'Les résultats publiés sont à jour.'
          : 'La mise à jour des résultats est lancée : elle sera visible dans quelques instants.'
      )
    }
    return response.redirect().toRoute('coordinator.programmes.show', { id: programme.id })
  }

  /**
   * The programme of the URL, within the user's organisation (404 otherwise).
   */
  private async programmeOf({ auth, params }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const programme = await organization
      .related('programmes')
      .query()
      .where('id', Number(params.id))
      .firstOrFail()
    return { organization, programme }
  }
}
