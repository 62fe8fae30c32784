import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'

/** The columns (in `$extras`) holding the data versions read with the person's row. */
export const USER_DATA_VERSION_COLUMNS = {
  global: 'global_data_version',
  organization: 'organization_data_version',
} as const

/**
 * The session guard's user provider: the signed-in person's row, read in
 * the same query as the versions of the shared data and of their
 * organisation (`data_versions`, kept by database triggers). The page
 * cache takes them from there instead of asking the database again
 * (`PageCache.versionsReadWith`): they are read before the page is made,
 * as its own query would have been.
 */
export class SessionUserWithVersionsProvider extends SessionLucidUserProvider<typeof User> {
  async findById(identifier: string | number | bigint) {
    const model = await this.getModel()
    const user = await model
      .query()
      .select('users.*')
      .select(
        db.raw(
          `(select version from data_versions where scope = 'global') as ${USER_DATA_VERSION_COLUMNS.global}`
        ),
        db.raw(
          `(select version from data_versions where scope = 'org:' || users.organization_id) as ${USER_DATA_VERSION_COLUMNS.organization}`
        )
      )
      .where('users.id', String(identifier))
      .first()
    if (!user) return null
    return this.createUserForGuard(user)
  }
}
