import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',

  loggers: {
    app: {
      enabled: true,
      name: 'cohorte',
      level: env.get('LOG_LEVEL', 'info'),
      // In production, JSON lines straight to stdout (pino's own writer):
      // no transport, so no logging thread beside each process. Pretty
      // lines elsewhere.
      ...(app.inProduction ? {} : { transport: { targets: [targets.pretty()] } }),
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
