import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import Trainee from '#models/trainee'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { ApplicationFactory } from '#database/factories/application_factory'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import {
  FIRST_MALE_NAME,
  FIRST_NAMES,
  LAST_NAMES,
  PLACES,
  STREETS,
  asciiSlug,
  mobilePhone,
  nth,
  organizationIdFor,
  pad,
} from '#database/factories/helpers'

let n = 0

/**
 * A job seeker with a level 3 qualification (CAP/BEP), no account. Her
 * account: `TraineeFactory.with('user', 1, (user) => user.apply('trainee'))`.
 */
export const TraineeFactory = factory
  .define(Trainee, () => {
    n++
    const firstName = nth(FIRST_NAMES, n)
    const lastName = nth(LAST_NAMES, n * 3)
    const place = nth(PLACES, n)
    return {
      firstName,
      lastName,
      email: `${asciiSlug(`${firstName} ${lastName}`)}.${n}@exemple.test`,
      phone: mobilePhone(n),
      birthDate: DateTime.fromISO('1985-03-15').plus({ days: n * 211 }),
      sex:
        (n - 1) % FIRST_NAMES.length >= FIRST_MALE_NAME ? ('male' as const) : ('female' as const),
      addressLine: `${n} ${nth(STREETS, n)}`,
      postalCode: place.postalCode,
      city: place.city,
      qpv: false,
      qpvCode: null,
      qpvGeography: null,
      zrr: false,
      qualificationLevel: 3,
      jobSeeker: true,
      jobSeekerSince: DateTime.fromISO('2024-09-01'),
      franceTravailId: `${pad(1_000_000 + n, 7)}A`,
      neet: false,
      rsa: false,
      rqth: 'undisclosed' as const,
      rqthConsentAt: null,
      prescriber: 'France Travail',
      payer: 'Région',
      userId: null,
    }
  })
  /**
   * Lives in a priority neighbourhood (2024 list).
   */
  .state('qpv', (trainee) => {
    trainee.qpv = true
    trainee.qpvCode = 'QN07612M'
    trainee.qpvGeography = '2024'
  })
  .state('zrr', (trainee) => {
    trainee.zrr = true
  })
  /**
   * Under 26, not in employment, education or training, no qualification.
   */
  .state('youngNeet', (trainee) => {
    trainee.birthDate = DateTime.now().minus({ years: 20 }).startOf('year')
    trainee.neet = true
    trainee.qualificationLevel = 0
    trainee.prescriber = 'Mission Locale'
  })
  .state('rqth', (trainee) => {
    trainee.rqth = 'yes'
    trainee.rqthConsentAt = DateTime.now()
  })
  .state('rsa', (trainee) => {
    trainee.rsa = true
  })
  .relation('user', () => UserFactory)
  .relation('applications', () => ApplicationFactory)
  .relation('enrollments', () => EnrollmentFactory)
  .before('create', async (builder, trainee, ctx) => {
    trainee.organizationId ??= await organizationIdFor(builder, ctx, [[User, trainee.userId]])
  })
  .build()
