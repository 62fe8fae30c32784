import type { Role } from '#enums/role'

/**
 * Where each role lands after signing in.
 */
export const ROLE_HOME_ROUTES: Record<Role, string> = {
  admin: 'admin.users.index',
  coordinator: 'coordinator.dashboard',
  trainer: 'trainer.sessions.index',
  trainee: 'trainee.planning',
  funder: 'funder.cohorts.index',
}
