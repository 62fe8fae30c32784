import ClassSession from '#models/class_session'
import type User from '#models/user'
import { withSessionDetails } from '#actions/calendars/person_sessions'

/**
 * A session whose roll call the user may take: any session of their
 * organisation for a coordinator or admin, only the sessions they teach
 * for a trainer. Any other id is a 404, never a hint that it exists.
 * Preloads what a session line shows.
 */
export async function findRollCallSession(user: User, id: unknown) {
  const query = ClassSession.query()
    .where('organization_id', user.organizationId ?? 0)
    .where('id', Number(id))
  if (!user.isManager) query.where('trainer_id', user.id)
  return withSessionDetails(query).firstOrFail()
}

/**
 * The area a person takes roll calls from: its routes are named
 * `<area>.roll_call.*` and `<area>.signing_code.*`.
 */
export function rollCallArea(user: User): 'trainer' | 'coordinator' {
  return user.isManager ? 'coordinator' : 'trainer'
}
