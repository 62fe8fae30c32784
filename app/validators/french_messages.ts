import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { SimpleMessagesProvider } from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

type Shared = { messages: Record<string, string>; fields: Record<string, string> }

let shared: Shared | null = null

/**
 * The shared French messages and field names of
 * resources/lang/fr/validator.json, in VineJS' `{{ placeholder }}` form.
 */
function sharedFrench(): Shared {
  if (shared) return shared
  const file = JSON.parse(readFileSync(app.languageFilesPath('fr/validator.json'), 'utf8')) as {
    shared?: Partial<Shared>
  }
  const messages: Record<string, string> = {}
  for (const [key, message] of Object.entries(file.shared?.messages ?? {})) {
    messages[key] = message.replace(/\{(\w+)\}/g, '{{ $1 }}')
  }
  shared = { messages, fields: file.shared?.fields ?? {} }
  return shared
}

/**
 * When no message fits a rule: still French, never VineJS' English default.
 */
const FALLBACK = 'Le champ « {{ field }} » n’est pas valide.'

/**
 * A SimpleMessagesProvider for forms with their own sentences, which
 * falls back on the shared French messages (then on a generic French
 * sentence) for every rule its own list does not name: a hostile value
 * (a list where text is expected…) must never show an English message.
 */
export class FrenchMessagesProvider extends SimpleMessagesProvider {
  #keys: Set<string>

  constructor(messages: Record<string, string>, fields: Record<string, string> = {}) {
    const french = sharedFrench()
    const merged = { ...french.messages, ...messages }
    super(merged, { ...french.fields, ...fields })
    this.#keys = new Set(Object.keys(merged))
  }

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const known =
      this.#keys.has(`${field.getFieldPath()}.${rule}`) ||
      this.#keys.has(`${field.wildCardPath}.${rule}`) ||
      this.#keys.has(rule)
    // Custom rules report their own French sentence; VineJS' defaults are English.
    const english = /^(The |Invalid value)/.test(rawMessage)
    return super.getMessage(known || !english ? rawMessage : FALLBACK, rule, field, args)
  }
}
