import type { Role } from '#enums/role'
import type { Side } from '#tests/helpers/world'

/**
 * What each kind of visitor gets from a route:
 *   ok        2xx page
 *   login     sent to the login page
 *   forbidden 403 page
 *   missing   404 page (an id outside the visitor's reach)
 *   redirect  sent elsewhere (a form handled, a signed-in person sent home…)
 */
export type Outcome = 'ok' | 'login' | 'forbidden' | 'missing' | 'redirect'
export type Actor = 'guest' | Role
export type Expectation = Record<Actor, Outcome>

/**
 * One route's expectations. `params` builds the URL parameters from one
 * side of the world. When `scoped` is true the route is also visited with
 * the OTHER organisation's ids: every actor that gets `ok` (or `redirect`)
 * on its own data must then get `missing` (404), and the others what they
 * get on their own data.
 */
export type MatrixEntry = {
  expect: Expectation
  params?: (side: Side) => Record<string, string | number>
  scoped?: boolean
  /**
   * A form body for POST/PUT/PATCH/DELETE routes (an empty form otherwise).
   */
  body?: (side: Side) => Record<string, unknown>
  /**
   * The route takes an id owned by one trainee (their enrollment,
   * attendance, internship…): it is also visited with a second trainee's
   * ids of the SAME organisation (`side.peers.trainee`). The signed-in
   * trainee then gets `missing` where they got `ok` (or `redirect`); staff
   * get what they get on the first trainee's ids.
   */
  traineeScoped?: boolean
  /**
   * The route takes an id owned by one funder (a funded cohort, an export
   * run): it is also visited with a second funder's ids of the SAME
   * organisation (`side.peers.funder`). The signed-in funder then gets
   * `missing` where they got `ok` (or `redirect`); others what they get on
   * the first funder's ids.
   */
  funderScoped?: boolean
}

export const ACTORS: Actor[] = ['guest', 'admin', 'coordinator', 'trainer', 'trainee', 'funder']

export const everyone = (outcome: Outcome): Expectation => ({
  guest: outcome,
  admin: outcome,
  coordinator: outcome,
  trainer: outcome,
  trainee: outcome,
  funder: outcome,
})

/**
 * A signed-in page for the given roles, refused to the others.
 */
export const signedIn = (allowed: Role[], outcome: Outcome = 'ok'): Expectation => {
  const expectation: Expectation = { ...everyone('forbidden'), guest: 'login' }
  for (const role of allowed) expectation[role] = outcome
  return expectation
}
