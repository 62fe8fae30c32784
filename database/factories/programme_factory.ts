import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Programme from '#models/programme'
import { ProgrammeModuleFactory } from '#database/factories/programme_module_factory'
import { CohortFactory } from '#database/factories/cohort_factory'
import { organizationIdFor } from '#database/factories/helpers'

let n = 0

/**
 * A 400-hour programme without certification, ready to run. With its
 * curriculum: `ProgrammeFactory.with('modules', 6)` (six modules in a row
 * cover the 400 hours).
 */
export const ProgrammeFactory = factory
  .define(Programme, () => {
    n++
    return {
      title: `Compétences numériques et retour à l'emploi ${n}`,
      slug: `competences-numeriques-${n}`,
      description:
        'Trois mois pour prendre en main le numérique et préparer son retour à l’emploi.',
      totalHours: 400,
      certificationKind: 'none' as const,
      certificationCode: null,
      certificationLevel: null,
      formacode: '70332',
      nsfCode: '326',
      bpfObjective: 'other_professional' as const,
      genLabelId: null,
      genLabelValidFrom: null,
      genLabelValidUntil: null,
      eligibilityRules: null,
      targetRatios: null,
      status: 'ready' as const,
    }
  })
  /**
   * A GEN-labelled web developer training leading to an RNCP level 5 title.
   */
  .state('genLabelled', (programme) => {
    programme.title = `Développeur·se web et web mobile (${programme.slug})`
    programme.totalHours = 800
    programme.certificationKind = 'rncp'
    programme.certificationCode = 'RNCP37674'
    programme.certificationLevel = 5
    programme.formacode = '31054'
    programme.nsfCode = '326t'
    programme.bpfObjective = 'rncp_level_5'
    programme.genLabelId = `GEN-2024-${programme.slug}`
    programme.genLabelValidFrom = DateTime.fromISO('2024-01-01')
    programme.genLabelValidUntil = DateTime.fromISO('2026-12-31')
    programme.eligibilityRules = { maxQualificationLevel: 4 }
    programme.targetRatios = { women: 0.3, young_low_qualified_neet: 0.5 }
  })
  .state('draft', (programme) => {
    programme.status = 'draft'
  })
  .relation('modules', () => ProgrammeModuleFactory)
  .relation('cohorts', () => CohortFactory)
  .before('create', async (builder, programme, ctx) => {
    programme.organizationId ??= await organizationIdFor(builder, ctx)
  })
  .build()
