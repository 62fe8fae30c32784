import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * The app key is used for encrypting cookies, generating signed URLs,
 * and by the "encryption" module.
 */
export const appKey = new Secret(env.get('APP_KEY'))

/**
 * Public address of the application, used in emails.
 */
export const appUrl = env.get('APP_URL') ?? `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * The configuration settings used by the HTTP server
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,

  /**
   * Enabling async local storage will let you access HTTP context
   * from anywhere inside your application.
   */
  useAsyncLocalStorage: false,

  /**
   * Addresses whose X-Forwarded-For / X-Forwarded-Proto are believed
   * (comma separated: `loopback`, an IP, a CIDR such as 10.0.0.0/8): the
   * load balancers in front, so request.ip() — audit trail, rate limits —
   * is the visitor's and not the balancer's.
   */
  trustProxy: proxyAddr.compile(
    env
      .get('TRUSTED_PROXIES', 'loopback')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
  ),

  /**
   * Manage cookies configuration. The settings for the session id cookie are
   * defined inside the "config/session.ts" file.
   */
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
