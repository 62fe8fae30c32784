import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managerForm = signedIn(['admin', 'coordinator'], 'redirect')
const companyId = (side: Side) => ({ id: side.company.id })
const contactIds = (side: Side) => ({ id: side.company.id, contactId: side.contact.id })

/**
 * Partner companies directory and their contacts. Forms are sent with
 * values validation refuses (no name; no deletion confirmation), so
 * nothing changes between visits.
 */
export const companies: Record<string, MatrixEntry> = {
  'coordinator.companies.index': { expect: managers },
  'coordinator.companies.create': { expect: managers },
  'coordinator.companies.store': { expect: managerForm, body: () => ({ name: '' }) },
  'coordinator.companies.show': { expect: managers, params: companyId, scoped: true },
  'coordinator.companies.edit': { expect: managers, params: companyId, scoped: true },
  'coordinator.companies.update': {
    expect: managerForm,
    params: companyId,
    scoped: true,
    body: () => ({ name: '' }),
  },
  'coordinator.companies.destroy': {
    expect: managerForm,
    params: companyId,
    scoped: true,
    body: () => ({ confirmation: 'non' }),
  },
  'coordinator.companies.contacts.store': {
    expect: managerForm,
    params: companyId,
    scoped: true,
    body: () => ({ full_name: '' }),
  },
  'coordinator.companies.contacts.edit': { expect: managers, params: contactIds, scoped: true },
  'coordinator.companies.contacts.update': {
    expect: managerForm,
    params: contactIds,
    scoped: true,
    body: () => ({ full_name: '' }),
  },
  'coordinator.companies.contacts.destroy': {
    expect: managerForm,
    params: contactIds,
    scoped: true,
    body: () => ({ confirmation: 'non' }),
  },
}
