import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managersRedirected = signedIn(['admin', 'coordinator'], 'redirect')
const programme = (side: Side) => ({ id: side.programme.id })
const module = (side: Side) => ({ id: side.programme.id, moduleId: side.module.id })

/**
 * Programmes and their curricula (coordinators and admins). The forms are
 * sent empty (refused by validation), the world's module has a session
 * (so it is not deleted), it is the only one (moving it changes nothing),
 * and its programme is already ready with hours that add up.
 */
export const programmes: Record<string, MatrixEntry> = {
  'coordinator.programmes.index': { expect: managers },
  'coordinator.programmes.create': { expect: managers },
  'coordinator.programmes.store': { expect: managersRedirected, body: () => ({}) },
  'coordinator.programmes.show': { expect: managers, params: programme, scoped: true },
  'coordinator.programmes.edit': { expect: managers, params: programme, scoped: true },
  'coordinator.programmes.update': {
    expect: managersRedirected,
    params: programme,
    scoped: true,
    body: () => ({}),
  },
  'coordinator.programmes.mark_ready': {
    expect: managersRedirected,
    params: programme,
    scoped: true,
  },
  'coordinator.programmes.modules.create': { expect: managers, params: programme, scoped: true },
  'coordinator.programmes.modules.store': {
    expect: managersRedirected,
    params: programme,
    scoped: true,
    body: () => ({}),
  },
  'coordinator.programmes.modules.edit': { expect: managers, params: module, scoped: true },
  'coordinator.programmes.modules.update': {
    expect: managersRedirected,
    params: module,
    scoped: true,
    body: () => ({}),
  },
  'coordinator.programmes.modules.destroy': {
    expect: managersRedirected,
    params: module,
    scoped: true,
  },
  'coordinator.programmes.modules.move_up': {
    expect: managersRedirected,
    params: module,
    scoped: true,
  },
  'coordinator.programmes.modules.move_down': {
    expect: managersRedirected,
    params: module,
    scoped: true,
  },
}
