import { randomBytes } from 'node:crypto'
import type User from '#models/user'

/**
 * Gives the person a new private calendar address: 32 random bytes,
 * base64url. The previous address stops working at once.
 */
export default class RegenerateCalendarToken {
  async handle({ user }: { user: User }) {
    user.calendarToken = randomBytes(32).toString('base64url')
    await user.save()
    return user.calendarToken
  }
}

/**
 * The person's calendar token, created the first time they ask for it.
 */
export async function calendarTokenOf(user: User) {
  return user.calendarToken ?? new RegenerateCalendarToken().handle({ user })
}
