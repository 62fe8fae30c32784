/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Abilities that are not about one resource. Resource rules live in
| policies (app/policies), registered in app/policies/main.ts.
|
*/

import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * The organisation's settings and accounts.
 */
export const manageOrganization = Bouncer.ability((user: User) => user.role === 'admin')
