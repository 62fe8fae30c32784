import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import CheckEligibility, {
  ageOn,
  checkEligibility,
  departmentOf,
  qualificationLevelName,
  RecordEligibility,
  type EligibilityFacts,
} from '#actions/applications/check_eligibility'
import type { EligibilityRules } from '#models/programme'
import Application from '#models/application'
import { ApplicationFactory } from '#database/factories/application_factory'
import { CohortFactory } from '#database/factories/cohort_factory'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'

const STARTS_ON = DateTime.fromISO('2026-09-07')

/**
 * A woman of 30 on the start date, CAP, job seeker, living in Rouen.
 */
function person(facts: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    birthDate: DateTime.fromISO('1996-01-15'),
    sex: 'female',
    qualificationLevel: 3,
    jobSeeker: true,
    postalCode: '76000',
    ...facts,
  }
}

const check = (rules: EligibilityRules | null, facts: Partial<EligibilityFacts> = {}) =>
  checkEligibility({ rules, trainee: person(facts), cohortStartsOn: STARTS_ON })

test.group('checkEligibility: each rule and its reason', () => {
  test('no rules: eligible', ({ assert }) => {
    assert.deepEqual(check(null), { status: 'eligible', eligible: true, reasons: [] })
    assert.deepEqual(check({}), { status: 'eligible', eligible: true, reasons: [] })
  })

  test('every rule met: eligible, no reason', ({ assert }) => {
    const rules = {
      sexes: ['female'],
      minAge: 18,
      maxAge: 30,
      maxQualificationLevel: 4,
      jobSeekerRequired: true,
      departments: ['76', '14', '27'],
    }
    assert.deepEqual(check(rules), { status: 'eligible', eligible: true, reasons: [] })
  })

  test('too young', ({ assert }) => {
    const result = check({ minAge: 18 }, { birthDate: DateTime.fromISO('2009-01-01') })
    assert.deepEqual(result, {
      status: 'ineligible',
      eligible: false,
      reasons: ['âge : 17 ans, minimum 18'],
    })
  })

  test('too old', ({ assert }) => {
    const result = check({ maxAge: 30 }, { birthDate: DateTime.fromISO('1995-01-01') })
    assert.deepEqual(result.reasons, ['âge : 31 ans, maximum 30'])
    assert.equal(result.status, 'ineligible')
  })

  test('age is taken on the cohort start date, birthday included', ({ assert }) => {
    // 18 on the very day the cohort starts.
    assert.equal(
      check({ minAge: 18 }, { birthDate: DateTime.fromISO('2008-09-07') }).status,
      'eligible'
    )
    // 18 the day after: still 17 on the start date.
    assert.deepEqual(check({ minAge: 18 }, { birthDate: DateTime.fromISO('2008-09-08') }).reasons, [
      'âge : 17 ans, minimum 18',
    ])
    // 31 on the start date: too old; 31 the day after: still 30.
    assert.deepEqual(check({ maxAge: 30 }, { birthDate: DateTime.fromISO('1995-09-07') }).reasons, [
      'âge : 31 ans, maximum 30',
    ])
    assert.equal(
      check({ maxAge: 30 }, { birthDate: DateTime.fromISO('1995-09-08') }).status,
      'eligible'
    )
    // Not on today's date: the same person is checked the same way any day.
    assert.equal(
      checkEligibility({
        rules: { minAge: 18 },
        trainee: person({ birthDate: DateTime.fromISO('2008-09-08') }),
        cohortStartsOn: STARTS_ON.plus({ days: 1 }),
      }).status,
      'eligible'
    )
  })

  test('ageOn: calendar years, 29 February', ({ assert }) => {
    const leapling = DateTime.fromISO('2008-02-29')
    assert.equal(ageOn(leapling, DateTime.fromISO('2026-02-28')), 17)
    assert.equal(ageOn(leapling, DateTime.fromISO('2026-03-01')), 18)
    assert.equal(ageOn(leapling, DateTime.fromISO('2028-02-29')), 20)
    assert.equal(ageOn(DateTime.fromISO('2000-12-31'), DateTime.fromISO('2026-01-01')), 25)
  })

  test('qualification too high, with everyday names', ({ assert }) => {
    const result = check({ maxQualificationLevel: 3 }, { qualificationLevel: 4 })
    assert.deepEqual(result, {
      status: 'ineligible',
      eligible: false,
      reasons: ['niveau de diplôme : bac (niveau 4), maximum CAP (niveau 3)'],
    })
    assert.deepEqual(check({ maxQualificationLevel: 4 }, { qualificationLevel: 6 }).reasons, [
      'niveau de diplôme : licence (niveau 6), maximum bac (niveau 4)',
    ])
    assert.deepEqual(check({ maxQualificationLevel: 0 }, { qualificationLevel: 3 }).reasons, [
      'niveau de diplôme : CAP (niveau 3), maximum sans diplôme',
    ])
    assert.equal(check({ maxQualificationLevel: 4 }, { qualificationLevel: 4 }).status, 'eligible')
    assert.equal(check({ maxQualificationLevel: 4 }, { qualificationLevel: 0 }).status, 'eligible')
  })

  test('the names of the 2019 levels', ({ assert }) => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map(qualificationLevelName), [
      'sans diplôme',
      'niveau 1',
      'niveau 2',
      'CAP (niveau 3)',
      'bac (niveau 4)',
      'bac+2 (niveau 5)',
      'licence (niveau 6)',
      'master (niveau 7)',
      'doctorat (niveau 8)',
    ])
  })

  test('job seeker required', ({ assert }) => {
    assert.deepEqual(check({ jobSeekerRequired: true }, { jobSeeker: false }), {
      status: 'ineligible',
      eligible: false,
      reasons: ['inscription à France Travail demandée'],
    })
    assert.equal(check({ jobSeekerRequired: false }, { jobSeeker: false }).status, 'eligible')
  })

  test('department outside the accepted ones', ({ assert }) => {
    const result = check({ departments: ['76', '14', '27'] }, { postalCode: '75011' })
    assert.deepEqual(result, {
      status: 'ineligible',
      eligible: false,
      reasons: ['département 75 : la formation accepte 76, 14, 27'],
    })
    assert.equal(check({ departments: ['971'] }, { postalCode: '97110' }).status, 'eligible')
    assert.equal(check({ departments: ['2A'] }, { postalCode: '20000' }).status, 'eligible')
    assert.equal(check({ departments: [1] }, { postalCode: '01000' }).status, 'eligible')
  })

  test('departmentOf a postal code', ({ assert }) => {
    assert.equal(departmentOf('76000'), '76')
    assert.equal(departmentOf('01000'), '01')
    assert.equal(departmentOf('97110'), '971')
    assert.equal(departmentOf('20000'), '2A')
    assert.equal(departmentOf('20200'), '2B')
    assert.isNull(departmentOf('7600'))
    assert.isNull(departmentOf(null))
  })

  test('reserved to women', ({ assert }) => {
    assert.deepEqual(check({ sexes: ['female'] }, { sex: 'male' }), {
      status: 'ineligible',
      eligible: false,
      reasons: ['réservée aux femmes'],
    })
    assert.deepEqual(check({ sexes: ['male'] }, { sex: 'female' }).reasons, ['réservée aux hommes'])
  })

  test('several rules not met: one reason each, in the order of the rules', ({ assert }) => {
    const result = check(
      {
        sexes: ['female'],
        minAge: 18,
        maxQualificationLevel: 3,
        jobSeekerRequired: true,
        departments: ['76'],
      },
      {
        sex: 'male',
        birthDate: DateTime.fromISO('2009-01-01'),
        qualificationLevel: 4,
        jobSeeker: false,
        postalCode: '75011',
      }
    )
    assert.deepEqual(result.reasons, [
      'réservée aux femmes',
      'âge : 17 ans, minimum 18',
      'niveau de diplôme : bac (niveau 4), maximum CAP (niveau 3)',
      'inscription à France Travail demandée',
      'département 75 : la formation accepte 76',
    ])
    assert.equal(result.status, 'ineligible')
  })

  test('the class form gives the same result', ({ assert }) => {
    assert.deepEqual(
      new CheckEligibility().handle({
        rules: { minAge: 18 },
        trainee: person({ birthDate: DateTime.fromISO('2009-01-01') }),
        cohortStartsOn: STARTS_ON,
      }),
      check({ minAge: 18 }, { birthDate: DateTime.fromISO('2009-01-01') })
    )
  })
})

test.group('checkEligibility: unknown facts are to be checked, not refused', () => {
  test('no birth date', ({ assert }) => {
    assert.deepEqual(check({ minAge: 18, maxAge: 30 }, { birthDate: null }), {
      status: 'to_check',
      eligible: true,
      reasons: ['à vérifier : date de naissance inconnue'],
    })
  })

  test('qualification level unknown', ({ assert }) => {
    assert.deepEqual(check({ maxQualificationLevel: 4 }, { qualificationLevel: null }), {
      status: 'to_check',
      eligible: true,
      reasons: ['à vérifier : niveau de diplôme inconnu'],
    })
  })

  test('sex unknown, or "other" for a programme reserved to women', ({ assert }) => {
    assert.deepEqual(check({ sexes: ['female'] }, { sex: null }).reasons, [
      'à vérifier : sexe inconnu',
    ])
    assert.deepEqual(check({ sexes: ['female'] }, { sex: 'other' }), {
      status: 'to_check',
      eligible: true,
      reasons: ['à vérifier : formation réservée aux femmes, genre déclaré : autre'],
    })
  })

  test('postal code unknown', ({ assert }) => {
    assert.deepEqual(check({ departments: ['76'] }, { postalCode: null }).reasons, [
      'à vérifier : code postal inconnu',
    ])
  })

  test('rules without the fact they need are not checked', ({ assert }) => {
    assert.equal(check({ maxQualificationLevel: 4 }, { birthDate: null }).status, 'eligible')
  })

  test('a refusal wins over a check, both reasons are given', ({ assert }) => {
    assert.deepEqual(
      check({ minAge: 18, maxQualificationLevel: 3 }, { birthDate: null, qualificationLevel: 5 }),
      {
        status: 'ineligible',
        eligible: false,
        reasons: [
          'à vérifier : date de naissance inconnue',
          'niveau de diplôme : bac+2 (niveau 5), maximum CAP (niveau 3)',
        ],
      }
    )
  })
})

test.group('RecordEligibility (stores the result on the application)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function applicationTo(rules: EligibilityRules, trainee: Partial<EligibilityFacts>) {
    const programme = await ProgrammeFactory.merge({ eligibilityRules: rules }).create()
    const cohort = await CohortFactory.merge({
      programmeId: programme.id,
      startsOn: STARTS_ON,
      endsOn: STARTS_ON.plus({ weeks: 12 }),
    }).create()
    const applicant = await TraineeFactory.merge({
      organizationId: cohort.organizationId,
      ...trainee,
    }).create()
    return ApplicationFactory.merge({ cohortId: cohort.id, traineeId: applicant.id }).create()
  }

  test('an ineligible application', async ({ assert }) => {
    const application = await applicationTo(
      { minAge: 18 },
      { birthDate: DateTime.fromISO('2008-09-08') }
    )
    const result = await new RecordEligibility().handle({ application })
    assert.equal(result.status, 'ineligible')

    const stored = await Application.findOrFail(application.id)
    assert.isFalse(stored.eligible)
    assert.equal(stored.eligibility?.result, 'ineligible')
    assert.deepEqual(stored.eligibility?.reasons, ['âge : 17 ans, minimum 18'])
    assert.equal(stored.eligibility?.cohortStartsOn, '2026-09-07')
  })

  test('an application to check stays eligible', async ({ assert }) => {
    const application = await applicationTo(
      { maxQualificationLevel: 4 },
      { qualificationLevel: null }
    )
    await new RecordEligibility().handle({ application })

    const stored = await Application.findOrFail(application.id)
    assert.isTrue(stored.eligible)
    assert.equal(stored.eligibility?.result, 'to_check')
    assert.deepEqual(stored.eligibility?.reasons, ['à vérifier : niveau de diplôme inconnu'])
  })

  test('an eligible application', async ({ assert }) => {
    const application = await applicationTo({ maxQualificationLevel: 4 }, { qualificationLevel: 3 })
    await new RecordEligibility().handle({ application })

    const stored = await Application.findOrFail(application.id)
    assert.isTrue(stored.eligible)
    assert.deepEqual(stored.eligibility?.reasons, [])
    assert.equal(stored.eligibility?.result, 'eligible')
  })
})
