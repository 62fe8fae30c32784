import db from '@adonisjs/lucid/services/db'
import type Application from '#models/application'
import Site from '#models/site'
import { nowInParis } from '#services/sql_time'
import type User from '#models/user'
import { INVITATION_KINDS, INVITATION_WORDING } from '#enums/invitation_kind'
import { APPLICATION_TRANSITIONS } from '#actions/applications/pipeline_transitions'
import ApplicationScoresPanel from '#actions/applications/application_scores_panel'

/**
 * The selection panels of an application's page, merged into its view
 * data: `scoring` (see ApplicationScoresPanel) and `invitation`: the
 * invitations the application can get now (to its current step again, or
 * to a step MoveApplication allows) and the cohort's site as the default
 * place.
 */
export default class SelectionPanels {
  async handle({ application, user }: { application: Application; user: User }) {
    const { scoring } = await new ApplicationScoresPanel().handle({ application, user })
    const site = await Site.query()
      .whereIn('id', db.from('cohorts').select('site_id').where('id', application.cohortId))
      .first()
    const kinds = INVITATION_KINDS.filter(
      (kind) =>
        application.status === kind || APPLICATION_TRANSITIONS[application.status].includes(kind)
    ).map((kind) => ({ value: kind, label: INVITATION_WORDING[kind].action }))

    return {
      scoring,
      invitation: {
        kinds,
        defaultLocation: site ? siteAddress(site) : '',
        today: nowInParis().toISODate(),
      },
    }
  }
}

/**
 * "Centre alpha, 12 rue de la Paix, 76000 Rouen"
 */
export function siteAddress(site: Site) {
  const town = [site.postalCode, site.city].filter(Boolean).join(' ')
  return [site.name, site.address, town].filter(Boolean).join(', ')
}
