import factory from '@adonisjs/lucid/factories'
import User from '#models/user'
import { OrganizationFactory } from '#database/factories/organization_factory'
import { FunderFactory } from '#database/factories/funder_factory'
import {
  FIRST_NAMES,
  LAST_NAMES,
  asciiSlug,
  nth,
  organizationIdFor,
  willCreate,
} from '#database/factories/helpers'

let n = 0

/**
 * Accounts sign in with the password "password". Staff and trainee
 * accounts belong to an organisation (created unless given), funder
 * accounts to a funder: `UserFactory.apply('funder')`.
 */
export const UserFactory = factory
  .define(User, () => {
    n++
    const fullName = `${nth(FIRST_NAMES, n)} ${nth(LAST_NAMES, n * 7)}`
    return {
      fullName,
      email: `${asciiSlug(fullName)}.${n}@exemple.test`,
      password: 'password',
      role: 'coordinator' as const,
      locale: 'fr',
      isActive: true,
    }
  })
  .state('admin', (user) => {
    user.role = 'admin'
  })
  .state('coordinator', (user) => {
    user.role = 'coordinator'
  })
  .state('trainer', (user) => {
    user.role = 'trainer'
  })
  .state('trainee', (user) => {
    user.role = 'trainee'
  })
  .state('funder', (user) => {
    user.role = 'funder'
  })
  .state('inactive', (user) => {
    user.isActive = false
  })
  .state('english', (user) => {
    user.locale = 'en'
  })
  .relation('organization', () => OrganizationFactory)
  .relation('funder', () => FunderFactory)
  .before('create', async (builder, user, ctx) => {
    if (user.role === 'funder') {
      if (!user.funderId && !willCreate(builder, 'funder')) {
        const funder = await FunderFactory.useCtx(ctx).create()
        user.funderId = funder.id
      }
      user.organizationId ??= null
      return
    }
    if (!user.organizationId && !willCreate(builder, 'organization')) {
      user.organizationId = await organizationIdFor(builder, ctx)
    }
    user.funderId ??= null
  })
  .build()
