import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright'
import { CHROMIUM_PATH, chromiumAvailable, requireService } from '#tests/helpers/services'

/**
 * The browser suite drives Debian's Chromium (playwright downloads no
 * browser here). Flags: root needs --no-sandbox; the others stop it from
 * retrying a network it cannot reach.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * Plugins: assertions, the HTTP client with sessions, CSRF and `loginAs`.
 */
export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    // Without Chromium the browser suite launches no browser: its tests are
    // skipped, or fail under CI (see configureSuite below).
    runInSuites: chromiumAvailable() ? ['browser'] : [],
    contextOptions: { locale: 'fr-FR', timezoneId: 'Europe/Paris' },
    launcher: (options) =>
      chromium.launch({ ...options, executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  }),
]

/**
 * Migrate the test database (its own file or database, never the demo's)
 * before the run, roll it back after.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate()],
  teardown: [],
}

/**
 * The HTTP server is started for the functional and browser suites.
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  /**
   * Every browser test needs Chromium: without it the test is skipped with
   * the reason, or fails when CI is set.
   */
  if (suite.name === 'browser') {
    suite.onGroup((group) => group.tap(requireService('chromium')))
    suite.onTest(requireService('chromium'))
  }
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
