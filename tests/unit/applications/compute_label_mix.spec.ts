import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import ComputeLabelMix, { missingForTarget } from '#actions/applications/compute_label_mix'
import type { LabelMix } from '#actions/applications/compute_label_mix'
import type { ApplicationStatus } from '#enums/application_status'
import type { EnrollmentStatus } from '#enums/enrollment_status'
import type { TargetRatios } from '#models/programme'
import type Trainee from '#models/trainee'
import { ApplicationFactory } from '#database/factories/application_factory'
import { CohortFactory } from '#database/factories/cohort_factory'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'

const STARTS_ON = DateTime.fromISO('2026-09-07')

async function cohortWithTargets(targetRatios: TargetRatios | null) {
  const programme = await ProgrammeFactory.merge({ targetRatios }).create()
  return CohortFactory.merge({
    programmeId: programme.id,
    startsOn: STARTS_ON,
    endsOn: STARTS_ON.plus({ weeks: 12 }),
  }).create()
}

type Profile = Partial<
  Pick<
    Trainee,
    'sex' | 'qpv' | 'zrr' | 'qualificationLevel' | 'jobSeeker' | 'neet' | 'birthDate' | 'rqth'
  >
> & { application?: ApplicationStatus; enrollment?: EnrollmentStatus }

/**
 * A trainee of the cohort's organisation with a known profile (every
 * fact given, so the factory's defaults never count), applying and/or
 * enrolled.
 */
async function person(
  cohort: { id: number; organizationId: number },
  { application, enrollment, ...facts }: Profile
) {
  const trainee = await TraineeFactory.merge({
    organizationId: cohort.organizationId,
    sex: 'male',
    qpv: false,
    zrr: false,
    qualificationLevel: 5,
    jobSeeker: false,
    neet: false,
    birthDate: DateTime.fromISO('1980-01-01'),
    rqth: 'undisclosed',
    ...facts,
  }).create()
  if (application) {
    await ApplicationFactory.merge({
      cohortId: cohort.id,
      traineeId: trainee.id,
      status: application,
    }).create()
  }
  if (enrollment) {
    await EnrollmentFactory.merge({
      cohortId: cohort.id,
      traineeId: trainee.id,
      status: enrollment,
      startsOn: STARTS_ON,
    }).create()
  }
  return trainee
}

const date = (iso: string) => DateTime.fromISO(iso)

/**
 * indicator → [applicants, admitted, enrolled] of one cell field.
 */
function table(mix: LabelMix, field: 'count' | 'shareLabel' | 'unknown') {
  return Object.fromEntries(
    mix.rows.map((row) => [row.indicator, row.cells.map((cell) => cell[field])])
  )
}

test.group('ComputeLabelMix', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /**
   * 10 applicants, 4 admitted (A–D), 3 enrolled (A–C: D dropped out).
   * The cohort starts on 2026-09-07: under 26 means born after 2000-09-07.
   */
  async function knownSet() {
    const cohort = await cohortWithTargets({
      women: 0.3,
      qpv: 0.75,
      qualificationLevel4OrLess: 0.8,
      neet: 0.6,
      jobSeekers: 1,
    })
    // A: woman, QPV, CAP, job seeker, NEET, 21, RQTH.
    await person(cohort, {
      sex: 'female',
      qpv: true,
      qualificationLevel: 3,
      jobSeeker: true,
      neet: true,
      birthDate: date('2005-01-01'),
      rqth: 'yes',
      application: 'admitted',
      enrollment: 'active',
    })
    // B: man, bac, job seeker, 36, RQTH no.
    await person(cohort, {
      qualificationLevel: 4,
      jobSeeker: true,
      birthDate: date('1990-01-01'),
      rqth: 'no',
      application: 'admitted',
      enrollment: 'enrolled',
    })
    // C: man, QPV, ZRR, bac+2, 26 on the very start date (not under 26).
    await person(cohort, {
      qpv: true,
      zrr: true,
      qualificationLevel: 5,
      birthDate: date('2000-09-07'),
      application: 'admitted',
      enrollment: 'completed',
    })
    // D: woman, no diploma, job seeker, NEET, 25 on the start date (26 the day after), RQTH; dropped out.
    await person(cohort, {
      sex: 'female',
      qualificationLevel: 0,
      jobSeeker: true,
      neet: true,
      birthDate: date('2000-09-08'),
      rqth: 'yes',
      application: 'admitted',
      enrollment: 'dropped_out',
    })
    // E: man, level and birth date unknown, job seeker.
    await person(cohort, {
      qualificationLevel: null,
      birthDate: null,
      jobSeeker: true,
      application: 'submitted',
    })
    // F: woman, QPV, licence; rejected.
    await person(cohort, {
      sex: 'female',
      qpv: true,
      qualificationLevel: 6,
      birthDate: date('1985-05-05'),
      application: 'rejected',
    })
    // G: sex "other", CAP, job seeker.
    await person(cohort, {
      sex: 'other',
      qualificationLevel: 3,
      jobSeeker: true,
      birthDate: date('1999-01-01'),
      application: 'submitted',
    })
    // H: sex unknown, bac, job seeker, NEET, 23.
    await person(cohort, {
      sex: null,
      qualificationLevel: 4,
      jobSeeker: true,
      neet: true,
      birthDate: date('2003-03-03'),
      application: 'screening',
    })
    // I: man, level 2; withdrawn.
    await person(cohort, { qualificationLevel: 2, application: 'withdrawn' })
    // J: man, master, job seeker; waitlisted.
    await person(cohort, {
      qualificationLevel: 7,
      jobSeeker: true,
      application: 'waitlisted',
    })

    // Someone else's cohort (same organisation) counts nowhere here.
    const other = await CohortFactory.merge({
      organizationId: cohort.organizationId,
      programmeId: cohort.programmeId,
    }).create()
    await person(other, { sex: 'female', application: 'admitted', enrollment: 'active' })

    return cohort
  }

  test('counts of each population', async ({ assert }) => {
    const mix = await new ComputeLabelMix().handle({ cohort: await knownSet() })

    assert.equal(mix.startsOn, '2026-09-07')
    assert.equal(mix.under26BornAfter, '2000-09-07')
    assert.deepEqual(mix.populations, [
      { key: 'applicants', label: 'Candidatures', total: 10 },
      { key: 'admitted', label: 'Admis', total: 4 },
      { key: 'enrolled', label: 'Inscrits', total: 3 },
    ])
    assert.deepEqual(table(mix, 'count'), {
      women: [3, 2, 1],
      qpv: [3, 2, 2],
      zrr: [1, 1, 1],
      qualificationLevel4OrLess: [6, 3, 2],
      jobSeekers: [7, 3, 2],
      neet: [3, 2, 1],
      under26: [3, 2, 1],
      rqth: [2, 2, 1],
    })
    assert.deepEqual(table(mix, 'unknown'), {
      women: [1, 0, 0],
      qpv: [null, null, null],
      zrr: [null, null, null],
      qualificationLevel4OrLess: [1, 0, 0],
      jobSeekers: [null, null, null],
      neet: [null, null, null],
      under26: [1, 0, 0],
      rqth: [null, null, null],
    })
  })

  test('shares over the whole population, none for RQTH', async ({ assert }) => {
    const mix = await new ComputeLabelMix().handle({ cohort: await knownSet() })

    assert.deepEqual(table(mix, 'shareLabel'), {
      women: ['30 %', '50 %', '33,3 %'],
      qpv: ['30 %', '50 %', '66,7 %'],
      zrr: ['10 %', '25 %', '33,3 %'],
      // E's unknown level counts in the 10, not in the 6.
      qualificationLevel4OrLess: ['60 %', '75 %', '66,7 %'],
      jobSeekers: ['70 %', '75 %', '66,7 %'],
      neet: ['30 %', '50 %', '33,3 %'],
      under26: ['30 %', '50 %', '33,3 %'],
      rqth: ['—', '—', '—'],
    })
    const women = mix.rows.find((row) => row.indicator === 'women')!
    assert.equal(women.cells[2].share, 1 / 3)
    assert.equal(women.cells[2].total, 3)
    const rqth = mix.rows.find((row) => row.indicator === 'rqth')!
    assert.isTrue(rqth.cells.every((cell) => cell.share === null))
  })

  test('the gap to each target among the enrolled, in words', async ({ assert }) => {
    const mix = await new ComputeLabelMix().handle({ cohort: await knownSet() })

    assert.deepEqual(
      mix.targets.map(({ indicator, targetLabel, count, total, reached, missing, sentence }) => ({
        indicator,
        targetLabel,
        count,
        total,
        reached,
        missing,
        sentence,
      })),
      [
        {
          indicator: 'women',
          targetLabel: '30 %',
          count: 1,
          total: 3,
          reached: true,
          missing: 0,
          sentence: 'objectif atteint',
        },
        {
          // (2 + 1) / (3 + 1) = 75 %
          indicator: 'qpv',
          targetLabel: '75 %',
          count: 2,
          total: 3,
          reached: false,
          missing: 1,
          sentence: 'il manque 1 personne habitant un QPV pour atteindre 75 %',
        },
        {
          // (2 + 2) / (3 + 2) = 80 % exactly; (2 + 1) / 4 = 75 %
          indicator: 'qualificationLevel4OrLess',
          targetLabel: '80 %',
          count: 2,
          total: 3,
          reached: false,
          missing: 2,
          sentence: 'il manque 2 personnes de niveau bac ou moins pour atteindre 80 %',
        },
        {
          indicator: 'jobSeekers',
          targetLabel: '100 %',
          count: 2,
          total: 3,
          reached: false,
          missing: null,
          sentence:
            'objectif de 100 % hors d’atteinte : toutes les personnes inscrites devraient en faire partie',
        },
        {
          // (1 + 2) / (3 + 2) = 60 % exactly (0.8 / 0.4 in floating point is 2.0000000000000004)
          indicator: 'neet',
          targetLabel: '60 %',
          count: 1,
          total: 3,
          reached: false,
          missing: 2,
          sentence: 'il manque 2 jeunes sans emploi ni formation (NEET) pour atteindre 60 %',
        },
      ]
    )
    const rows = Object.fromEntries(mix.rows.map((row) => [row.indicator, row.target?.indicator]))
    assert.deepEqual(rows, {
      women: 'women',
      qpv: 'qpv',
      // No ZRR target in this set.
      zrr: undefined,
      qualificationLevel4OrLess: 'qualificationLevel4OrLess',
      jobSeekers: 'jobSeekers',
      neet: 'neet',
      under26: undefined,
      rqth: undefined,
    })
  })

  test('"il manque 3 femmes pour atteindre 30 %": 7 men enrolled', async ({ assert }) => {
    const cohort = await cohortWithTargets({ women: 0.3 })
    for (let i = 0; i < 7; i++) await person(cohort, { enrollment: 'active' })
    const mix = await new ComputeLabelMix().handle({ cohort })

    // 3 / (7 + 3) = 30 %; 2 / 9 = 22 %.
    assert.equal(mix.targets[0].missing, 3)
    assert.equal(mix.targets[0].sentence, 'il manque 3 femmes pour atteindre 30 %')
    assert.deepEqual(
      mix.populations.map((population) => population.total),
      [0, 0, 7]
    )
  })

  test('an empty cohort, a programme without targets', async ({ assert }) => {
    const empty = await new ComputeLabelMix().handle({
      cohort: await cohortWithTargets({ women: 0.3, qpv: 0 }),
    })
    assert.deepEqual(
      empty.populations.map((population) => population.total),
      [0, 0, 0]
    )
    assert.isTrue(empty.rows.every((row) => row.cells.every((cell) => cell.share === null)))
    assert.equal(empty.rows[0].cells[0].shareLabel, '—')
    assert.deepEqual(
      empty.targets.map((target) => target.sentence),
      ['il manque 1 femme pour atteindre 30 %', 'objectif atteint']
    )

    const withoutTargets = await new ComputeLabelMix().handle({
      cohort: await cohortWithTargets(null),
    })
    assert.deepEqual(withoutTargets.targets, [])
    assert.isTrue(withoutTargets.rows.every((row) => row.target === null))
  })

  test('a target with decimals', async ({ assert }) => {
    const cohort = await cohortWithTargets({ women: 0.125 })
    await person(cohort, { enrollment: 'active' })
    const mix = await new ComputeLabelMix().handle({ cohort })
    assert.equal(mix.targets[0].targetLabel, '12,5 %')
    assert.equal(mix.targets[0].sentence, 'il manque 1 femme pour atteindre 12,5 %')
  })
})

test.group('missingForTarget: smallest n with (k + n) / (N + n) ≥ target', () => {
  test('known values', ({ assert }) => {
    assert.equal(missingForTarget(0, 7, 0.3), 3)
    assert.equal(missingForTarget(0, 10, 0.3), 5) // 5/15 ≥ 30 %, 4/14 < 30 %
    assert.equal(missingForTarget(1, 3, 0.6), 2)
    assert.equal(missingForTarget(3, 10, 0.3), 0)
    assert.equal(missingForTarget(1, 3, 0.7), 4) // 5/7 ≥ 70 %, 4/6 < 70 %
    assert.equal(missingForTarget(0, 0, 0.3), 1)
    assert.equal(missingForTarget(0, 0, 0), 0)
    assert.equal(missingForTarget(3, 3, 1), 0)
    assert.isNull(missingForTarget(2, 3, 1))
  })

  test('the answer is always the smallest that works', ({ assert }) => {
    for (let total = 1; total <= 30; total++) {
      for (let count = 0; count <= total; count++) {
        for (const target of [0.05, 0.1, 0.25, 0.3, 1 / 3, 0.5, 0.6, 0.8, 0.95]) {
          const n = missingForTarget(count, total, target)!
          const scaled = Math.round(target * 10_000)
          const reaches = (extra: number) => (count + extra) * 10_000 >= scaled * (total + extra)
          assert.isTrue(reaches(n))
          if (n > 0) assert.isFalse(reaches(n - 1))
        }
      }
    }
  })
})
