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

  async boot() {
    /**
     * Compiled `@include` partials and the list of components kept while
     * the template cache is on (see app/services/edge_include_cache.ts).
     */
    if (this.app.inProduction) {
      const { default: edge } = await import('edge.js')
      const { cacheComponentList, cacheIncludes } = await import('#services/edge_include_cache')
      cacheIncludes(edge.compiler)
      cacheIncludes(edge.asyncCompiler)
      cacheComponentList(edge.loader)
    }
  }

  async ready() {}

  async shutdown() {}
}
