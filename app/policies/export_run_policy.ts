import type User from '#models/user'
import type ExportRun from '#models/export_run'
import BasePolicy from '#policies/base_policy'

export default class ExportRunPolicy extends BasePolicy {
  /**
   * A stored export is downloaded by the person who asked for it, only.
   */
  download(user: User, run: ExportRun) {
    return run.requestedById === user.id
  }
}
