import { BaseJob } from '#jobs/base_job'
import Programme from '#models/programme'
import ComputeProgrammeResults from '#actions/reports/compute_programme_results'

export type RefreshProgrammeResultsPayload = { programmeId?: number }

/**
 * Recomputes the published results (Qualiopi indicator 2) of one
 * programme, or of every programme when no id is given. Idempotent: each
 * run replaces the snapshot. Run daily from cron with
 * `node ace qualiopi:refresh`, or on demand from the programme page.
 */
export default class RefreshProgrammeResultsJob extends BaseJob<RefreshProgrammeResultsPayload> {
  static jobName = 'refresh-programme-results'

  async handle(payload: RefreshProgrammeResultsPayload = {}) {
    const action = new ComputeProgrammeResults()
    if (payload.programmeId === undefined) {
      await action.refreshAll()
      return
    }
    // The programme may have been deleted since: nothing to publish then.
    const programme = await Programme.find(payload.programmeId)
    if (programme) await action.handle(programme)
  }
}
