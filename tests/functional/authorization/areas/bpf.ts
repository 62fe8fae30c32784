import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

const managers = signedIn(['admin', 'coordinator'])

/**
 * Yearly reports (BPF section F): the user's organisation only, no ids
 * in the URL (another organisation's figures are never reachable); GEN
 * figures of one of its programmes.
 */
export const bpf: Record<string, MatrixEntry> = {
  'coordinator.reports.bpf': { expect: managers },
  'coordinator.reports.bpf_xlsx': { expect: managers },
  'coordinator.reports.gen': {
    expect: managers,
    params: (side) => ({ id: side.programme.id }),
    scoped: true,
  },
  'coordinator.reports.gen_xlsx': {
    // The world's programme has no GEN label: back to its page with a message.
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    params: (side) => ({ id: side.programme.id }),
    scoped: true,
  },
}
