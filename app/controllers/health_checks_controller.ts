import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { healthChecks } from '#start/health'

/**
 * GET /health, for monitoring and load balancers: 200 when every check
 * passes (warnings included), 503 when one fails.
 *
 * The answer is public, so it says only each check's name and status
 * ("ok", "warning", "error"): no message, no host, path, size, process id
 * or version. The full report (messages, metadata, errors) goes to the
 * log whenever the answer is not "ok".
 */
export default class HealthChecksController {
  async handle({ response }: HttpContext) {
    const report = await healthChecks.run()
    if (report.status !== 'ok') {
      logger.warn({ report }, `health check: ${report.status}`)
    }
    const body = {
      status: report.status,
      isHealthy: report.isHealthy,
      finishedAt: report.finishedAt,
      checks: report.checks.map((check) => ({ name: check.name, status: check.status })),
    }
    return report.isHealthy ? response.ok(body) : response.serviceUnavailable(body)
  }
}
