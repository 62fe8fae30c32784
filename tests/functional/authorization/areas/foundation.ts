import {
  everyone,
  signedIn,
  type Expectation,
  type MatrixEntry,
} from '#tests/functional/authorization/expectations'

const guestsOnly: Expectation = { ...everyone('redirect'), guest: 'ok' }
const guestForm: Expectation = everyone('redirect')
const token = () => ({ token: 'not-a-token' })

/**
 * Public pages, accounts, role homes and development tools.
 */
export const foundation: Record<string, MatrixEntry> = {
  'home': { expect: { ...everyone('redirect'), guest: 'ok' } },
  'public.accessibility': { expect: everyone('ok') },
  'public.legal': { expect: everyone('ok') },
  'public.privacy': { expect: everyone('ok') },
  'locale.update': { expect: everyone('redirect') },

  'auth.login.show': { expect: guestsOnly },
  'auth.login.store': { expect: guestForm },
  'auth.magic_link.create': { expect: guestsOnly },
  'auth.magic_link.store': { expect: guestForm },
  'auth.magic_link.show': { expect: guestsOnly, params: token },
  'auth.magic_link.consume': { expect: guestForm, params: token },
  'auth.password_reset.create': { expect: guestsOnly },
  'auth.password_reset.store': { expect: guestForm },
  'auth.password_reset.edit': { expect: guestsOnly, params: token },
  'auth.password_reset.update': { expect: guestForm, params: token },
  'auth.link_sent': { expect: guestsOnly },
  'auth.logout': { expect: { ...everyone('redirect'), guest: 'login' } },

  'dashboard': { expect: { ...everyone('redirect'), guest: 'login' } },
  'coordinator.dashboard': { expect: signedIn(['admin', 'coordinator']) },
  'trainer.sessions.index': { expect: signedIn(['trainer']) },
  'trainee.planning': { expect: signedIn(['trainee']) },
  'funder.cohorts.index': { expect: signedIn(['funder']) },
  'admin.users.index': { expect: signedIn(['admin']) },

  'dev.mails.index': { expect: everyone('ok') },
  'dev.mails.show': { expect: everyone('missing'), params: () => ({ id: 'no-such-mail' }) },
  'dev.mails.html': { expect: everyone('missing'), params: () => ({ id: 'no-such-mail' }) },
}
