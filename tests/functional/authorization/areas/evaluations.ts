import { everyone, signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

const internship = (side: { internship: { id: number } }) => ({ id: side.internship.id })

/**
 * A token no request has: the tutor's form then answers 404 to everyone,
 * signed in or not (tests/functional/evaluations covers real links).
 */
const unknownToken = () => ({ token: 'lien-inconnu-0000000000000000000000000000' })

/**
 * Tutor evaluations. The world's internship is a draft: its page and its
 * blank form show, while sending or reminding is refused with a message
 * (a redirect, nothing sent).
 */
export const evaluations: Record<string, MatrixEntry> = {
  'coordinator.tutor_evaluations.index': { expect: signedIn(['coordinator', 'admin']) },
  'coordinator.tutor_evaluations.show': {
    expect: signedIn(['coordinator', 'admin']),
    params: internship,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.tutor_evaluations.send': {
    expect: signedIn(['coordinator', 'admin'], 'redirect'),
    params: internship,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.tutor_evaluations.remind': {
    expect: signedIn(['coordinator', 'admin'], 'redirect'),
    params: internship,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.tutor_evaluations.blank_form': {
    expect: signedIn(['coordinator', 'admin']),
    params: internship,
    scoped: true,
    traineeScoped: true,
  },
  'tutor_evaluation.show': { expect: everyone('missing'), params: unknownToken },
  'tutor_evaluation.store': {
    expect: everyone('missing'),
    params: unknownToken,
    body: () => ({}),
  },
}
