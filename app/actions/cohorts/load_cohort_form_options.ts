import Funder from '#models/funder'
import type Organization from '#models/organization'
import type Cohort from '#models/cohort'

type Option = { value: number; label: string }

/**
 * The choices of the cohort form: the organisation's programmes (archived
 * ones aside, unless it is the cohort's), sites and coordinators
 * (coordinators and admins), and every funder (funders span organisations).
 */
export default class LoadCohortFormOptions {
  async handle({ organization, cohort }: { organization: Organization; cohort?: Cohort | null }) {
    const [programmes, sites, coordinators, funders] = await Promise.all([
      organization
        .related('programmes')
        .query()
        .where((query) => {
          query.whereNot('status', 'archived')
          if (cohort) query.orWhere('id', cohort.programmeId)
        })
        .orderBy('title'),
      organization.related('sites').query().orderBy('name'),
      organization
        .related('users')
        .query()
        .whereIn('role', ['coordinator', 'admin'])
        .where((query) => {
          query.where('is_active', true)
          if (cohort?.coordinatorId) query.orWhere('id', cohort.coordinatorId)
        })
        .orderBy('full_name'),
      Funder.query().orderBy('name'),
    ])
    return {
      programmes: programmes.map<Option>((programme) => ({
        value: programme.id,
        label: programme.status === 'draft' ? `${programme.title} (brouillon)` : programme.title,
      })),
      sites: sites.map<Option>((site) => ({
        value: site.id,
        label: site.city ? `${site.name} (${site.city})` : site.name,
      })),
      coordinators: coordinators.map<Option>((user) => ({ value: user.id, label: user.fullName })),
      funders: funders.map<Option>((funder) => ({ value: funder.id, label: funder.name })),
    }
  }
}
