import { Settings } from 'luxon'
import type { ApplicationService } from '@adonisjs/core/types'

export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * Every timestamp is stored and computed in UTC; pages, documents and
   * calendars convert to Europe/Paris when they show one.
   */
  register() {
    Settings.defaultZone = 'utc'
  }

  async boot() {}

  async ready() {}

  async shutdown() {}
}
