import { defineConfig } from '@adonisjs/shield'

const shieldConfig = defineConfig({
  /**
   * Content security policy: scripts and styles only from this origin
   * (Vite's dev server is allowed through the @viteUrl keyword).
   */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@viteUrl'],
      styleSrc: [`'self'`, '@viteUrl'],
      imgSrc: [`'self'`, 'data:'],
      fontSrc: [`'self'`],
      connectSrc: [`'self'`, '@viteUrl', '@viteHmrUrl'],
      objectSrc: [`'none'`],
      frameAncestors: [`'none'`],
      formAction: [`'self'`],
      baseUri: [`'self'`],
    },
    reportOnly: false,
  },

  csrf: {
    enabled: true,
    exceptRoutes: [],
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  hsts: {
    enabled: true,
    maxAge: '180 days',
  },

  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
