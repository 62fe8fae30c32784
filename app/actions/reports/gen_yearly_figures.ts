import { rawRows } from '#services/sql_text'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import Cohort from '#models/cohort'
import Programme from '#models/programme'
import { CERTIFICATION_RESULTS } from '#enums/certification_result'
import { OUTCOME_DEFINITIONS } from '#services/outcome_definitions'
import { computeOutcomeRates } from '#actions/outcomes/compute_outcome_rates'
import { sqlDate } from '#services/sql_time'

/** One survey question: its figure, as a sentence, and its definition. */
export type GenQuestion = { key: string; question: string; figure: string; definition: string }

const percent = (n: number, d: number) =>
  d
    ? `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format((n / d) * 100)} %`
    : '—'

const CERTIFICATION_LABELS: Record<string, string> = {
  passed: 'certifiés',
  partial: 'certifiés partiellement',
  failed: 'non certifiés',
  not_presented: 'non présentés',
}

/**
 * The yearly figures of a GEN-labelled programme, in the order of the
 * label's survey: learners trained, applications and admission rate,
 * profile shares, certification, positive exits. "Cohorts of the year"
 * are those running at some point between 1 January and 31 December;
 * shares are of their enrolments; age is taken on 1 January; positive
 * exits use the GEN definition at the exit checkpoint, over the exits.
 */
export default class ComputeGenYearlyFigures {
  async handle({
    organizationId,
    programmeId,
    year,
  }: {
    organizationId: number
    programmeId: number
    year: number
  }) {
    const programme = await Programme.query()
      .where('organization_id', organizationId)
      .where('id', programmeId)
      .firstOrFail()
    if (!programme.genLabelId) {
      throw new Exception('Ce programme n’a pas le label Grande École du Numérique.', {
        status: 422,
        code: 'E_NOT_GEN',
      })
    }
    const first = DateTime.fromObject({ year, month: 1, day: 1 })
    const cohorts = await Cohort.query()
      .where('organization_id', organizationId)
      .where('programme_id', programme.id)
      .where('starts_on', '<=', sqlDate(first.endOf('year')))
      .where('ends_on', '>=', sqlDate(first))
      .orderBy('starts_on')
    const ids = cohorts.length ? cohorts.map((c) => c.id) : [0]
    const marks = ids.map(() => '?').join(', ')

    const [learnersRow] = await db
      .rawQuery(
        `select count(*) as learners,
         sum(case when t.sex = 'female' then 1 else 0 end) as women,
         sum(case when t.qpv = ? then 1 else 0 end) as qpv,
         sum(case when t.qualification_level <= 4 then 1 else 0 end) as level4,
         sum(case when t.job_seeker = ? then 1 else 0 end) as job_seekers,
         sum(case when t.neet = ? then 1 else 0 end) as neet,
         sum(case when t.birth_date > ? then 1 else 0 end) as under26
       from enrollments e join trainees t on t.id = e.trainee_id
       where e.cohort_id in (${marks})`,
        [true, true, true, sqlDate(first.minus({ years: 26 })), ...ids]
      )
      .then((result) => rawRows<Record<string, any>>(result))
    const [applicationsRow] = await db
      .rawQuery(
        `select count(*) as applications,
         sum(case when status = 'admitted' then 1 else 0 end) as admitted
       from applications where cohort_id in (${marks})`,
        ids
      )
      .then((result) => rawRows<Record<string, any>>(result))
    const certifications = await db
      .rawQuery(
        `select certification_result as result, count(*) as n from enrollments
       where cohort_id in (${marks}) and certification_result is not null
       group by certification_result`,
        ids
      )
      .then((result) => rawRows<Record<string, any>>(result))

    let positive = 0
    let exits = 0
    for (const cohort of cohorts) {
      const rate = await computeOutcomeRates({
        cohort,
        checkpoint: 'exit',
        definition: OUTCOME_DEFINITIONS.gen_positive_exit,
        denominator: 'exits',
      })
      positive += rate.numerator
      exits += rate.total
    }

    const n = (value: unknown) => Number(value ?? 0)
    const learners = n(learnersRow.learners)
    const applications = n(applicationsRow.applications)
    const admitted = n(applicationsRow.admitted)
    const share = (count: unknown) => `${n(count)} sur ${learners} (${percent(n(count), learners)})`
    const certified = new Map(certifications.map((r: any) => [r.result, n(r.n)]))

    const questions: GenQuestion[] = [
      {
        key: 'learners',
        question: '1. Apprenants formés',
        figure: String(learners),
        definition: `Inscriptions aux promotions en cours en ${year} (${cohorts.length} promotion(s)).`,
      },
      {
        key: 'applications',
        question: '2. Candidatures et taux d’admission',
        figure: `${applications} candidatures, ${admitted} admises (${percent(admitted, applications)})`,
        definition: 'Candidatures reçues pour ces promotions ; taux = admises / reçues.',
      },
      {
        key: 'women',
        question: '3a. Femmes',
        figure: share(learnersRow.women),
        definition: 'Part des apprenants formés.',
      },
      {
        key: 'qpv',
        question: '3b. Habitants d’un QPV',
        figure: share(learnersRow.qpv),
        definition: 'Part des apprenants formés.',
      },
      {
        key: 'level4',
        question: '3c. Niveau bac ou moins',
        figure: share(learnersRow.level4),
        definition: 'Qualification de niveau 4 ou moins (cadre 2019).',
      },
      {
        key: 'jobSeekers',
        question: '3d. Demandeurs d’emploi',
        figure: share(learnersRow.job_seekers),
        definition: 'Part des apprenants formés.',
      },
      {
        key: 'neet',
        question: '3e. Jeunes sans emploi ni formation (NEET)',
        figure: share(learnersRow.neet),
        definition: 'Part des apprenants formés.',
      },
      {
        key: 'under26',
        question: '3f. Moins de 26 ans',
        figure: share(learnersRow.under26),
        definition: `Âge au 1er janvier ${year}.`,
      },
      {
        key: 'certification',
        question: '4. Certification',
        figure: CERTIFICATION_RESULTS.map(
          (r) => `${certified.get(r) ?? 0} ${CERTIFICATION_LABELS[r]}`
        ).join(', '),
        definition: 'Résultat de certification enregistré à la sortie.',
      },
      {
        key: 'positiveExits',
        question: '5. Sorties positives',
        figure: `${positive} sur ${exits} sorties (${percent(positive, exits)})`,
        definition: `${OUTCOME_DEFINITIONS.gen_positive_exit.name} : ${OUTCOME_DEFINITIONS.gen_positive_exit.rule} Situation à la sortie.`,
      },
    ]
    return { programme, year, questions }
  }
}
