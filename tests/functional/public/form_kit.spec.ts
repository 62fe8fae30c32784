import { test } from '@japa/runner'
import edge from 'edge.js'
import { ReadOnlyValuesStore } from '@adonisjs/session'

/**
 * The form kit reads the flash messages the session shares with every view
 * (old input, inputErrorsBag, errorsBag); here they are shared by hand.
 */
function render(template: string, flash: Record<string, any> = {}) {
  return edge
    .createRenderer()
    .share({ flashMessages: new ReadOnlyValuesStore(flash) })
    .renderRaw(template, {})
}

const afterFailedValidation = {
  email: 'claire@',
  password: 'secret',
  source: 'mission_locale',
  inputErrorsBag: {
    'email': ['Écrivez une adresse e-mail valide.'],
    'consent': ['Cochez la case pour continuer.'],
    'modules.0.title': ['Le champ « titre » est obligatoire.'],
  },
  errorsBag: { E_VALIDATION_ERROR: 'Le formulaire contient 3 erreurs.' },
}

test.group('Form kit', () => {
  test('an input has its label, hint and required mark', async ({ assert }) => {
    const html = await render(
      `@!form.input({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'email', required: true, hint: 'Par exemple : nom@exemple.fr' })`
    )
    assert.include(html, '<label class="field__label" for="field-email">')
    assert.include(html, 'id="field-email"')
    assert.include(html, 'type="email"')
    assert.include(html, 'autocomplete="email"')
    assert.include(html, '<p class="field__hint" id="field-email-hint">')
    assert.include(html, 'aria-describedby="field-email-hint"')
    assert.include(html, '(obligatoire)')
    assert.notInclude(html, 'aria-invalid')
  })

  test('an input shows its flashed error and the old input', async ({ assert }) => {
    const html = await render(
      `@!form.input({ name: 'email', label: 'Adresse e-mail', type: 'email', hint: 'Exemple' })`,
      afterFailedValidation
    )
    assert.include(html, 'field field--invalid')
    assert.include(html, 'id="field-email-error"')
    assert.include(html, 'Écrivez une adresse e-mail valide.')
    assert.include(html, 'aria-describedby="field-email-hint field-email-error"')
    assert.include(html, 'aria-invalid="true"')
    assert.include(html, 'value="claire@"')
  })

  test('a password is never refilled', async ({ assert }) => {
    const html = await render(
      `@!form.input({ name: 'password', label: 'Mot de passe', type: 'password', value: 'x' })`,
      afterFailedValidation
    )
    assert.notInclude(html, 'value=')
  })

  test('an array-like name finds its dotted error', async ({ assert }) => {
    const html = await render(
      `@!form.input({ name: 'modules[0][title]', label: 'Titre' })`,
      afterFailedValidation
    )
    assert.include(html, 'id="field-modules-0-title"')
    assert.include(html, 'Le champ « titre » est obligatoire.')
  })

  test('values are escaped', async ({ assert }) => {
    const html = await render(`@!form.input({ name: 'city', label: 'Ville', value: '"><script>' })`)
    assert.include(html, 'value="&quot;&gt;&lt;script&gt;"')
  })

  test('a select keeps the old choice', async ({ assert }) => {
    const html = await render(
      `@!form.select({ name: 'source', label: 'Qui vous envoie ?', placeholder: 'Choisir…', value: 'france_travail', options: [{ value: 'france_travail', label: 'France Travail' }, { value: 'mission_locale', label: 'Mission locale' }] })`,
      afterFailedValidation
    )
    assert.include(html, '<option value="">Choisir…</option>')
    assert.include(html, '<option value="mission_locale" selected>Mission locale</option>')
    assert.include(html, '<option value="france_travail">France Travail</option>')
  })

  test('a checkbox shows what was sent, not its default, after a failed submission', async ({
    assert,
  }) => {
    const template = `@!form.checkbox({ name: 'consent', label: 'J’accepte', checked: true })`
    assert.include(await render(template), 'checked')
    const html = await render(template, afterFailedValidation)
    assert.notInclude(html, 'checked')
    assert.include(html, 'aria-describedby="field-consent-error"')
  })

  test('radios sit in a fieldset with a legend', async ({ assert }) => {
    const html = await render(
      `@!form.radios({ name: 'rqth', legend: 'Avez-vous une RQTH ?', value: 'undisclosed', options: [{ value: 'yes', label: 'Oui' }, { value: 'undisclosed', label: 'Je préfère ne pas répondre' }] })`
    )
    assert.include(html, '<fieldset class="fieldset"')
    assert.include(html, 'Avez-vous une RQTH ?')
    assert.include(html, 'id="field-rqth"')
    assert.match(html, /value="undisclosed"\s+checked/)
  })

  test('the flash area lists the errors with links to the fields', async ({ assert }) => {
    const html = await render(`@!flash()`, afterFailedValidation)
    assert.include(html, 'role="alert"')
    assert.include(html, 'Le formulaire contient 3 erreurs.')
    assert.include(html, '<a href="#field-email">Écrivez une adresse e-mail valide.</a>')
    assert.include(html, '<a href="#field-modules-0-title">')
  })

  test('the flash area shows success as a status and errors as an alert', async ({ assert }) => {
    const html = await render(`@!flash()`, { success: 'C’est enregistré.', error: 'Oups.' })
    assert.include(html, 'class="alert alert--success" role="status"')
    assert.include(html, 'class="alert alert--error" role="alert"')
    const empty = await render(`@!flash()`)
    assert.equal(empty.trim(), '')
  })

  test('buttons and links share the button look', async ({ assert }) => {
    const html = await render(
      `@!button({ label: 'Supprimer', variant: 'danger', confirm: 'Supprimer la séance ?' })
@!button({ label: 'Annuler', href: '/retour', variant: 'secondary' })`
    )
    assert.include(html, 'class="button button--danger"')
    assert.include(html, 'data-confirm="Supprimer la séance ?"')
    assert.include(html, '<a class="button button--secondary" href="/retour">Annuler</a>')
  })
})
