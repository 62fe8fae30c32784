import factory from '@adonisjs/lucid/factories'
import Funder from '#models/funder'
import { UserFactory } from '#database/factories/user_factory'

let n = 0

export const FunderFactory = factory
  .define(Funder, () => {
    n++
    return {
      name: `Région Normandie ${n}`,
      slug: `financeur-${n}`,
      kind: 'region' as const,
      receivesNames: false,
      absenceReasons: null,
      outcomeDefinitions: null,
      reportFormats: null,
    }
  })
  .state('genLabel', (funder) => {
    funder.name = `Grande École du Numérique ${funder.slug}`
    funder.kind = 'gen_label'
  })
  .state('franceTravail', (funder) => {
    funder.name = `France Travail ${funder.slug}`
    funder.kind = 'france_travail'
    funder.receivesNames = true
  })
  .state('esf', (funder) => {
    funder.name = `Fonds social européen ${funder.slug}`
    funder.kind = 'esf'
  })
  .state('opco', (funder) => {
    funder.name = `OPCO EP ${funder.slug}`
    funder.kind = 'opco'
  })
  .relation('users', () => UserFactory)
  .build()
