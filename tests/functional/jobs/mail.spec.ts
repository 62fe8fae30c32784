import { test } from '@japa/runner'
import edge from 'edge.js'
import mail from '@adonisjs/mail/services/main'
import mailbox from '#services/mailbox'

/**
 * .env.test: QUEUE_DRIVER=sync and MAIL_MAILER=file, so `sendLater` runs the
 * SendMailJob at once and the message lands in the test mailbox folder.
 */
function sendWelcome(email: string, subject = 'Bienvenue dans la promotion') {
  return mail.sendLater((message) => {
    message
      .to(email, 'Awa Diallo')
      .subject(subject)
      .html('<p>Bonjour <strong>Awa</strong>, rendez-vous lundi à 9 h.</p>')
      .text('Bonjour Awa, rendez-vous lundi à 9 h.')
  })
}

test.group('Mail | sendLater through the job dispatcher', (group) => {
  group.each.setup(() => mailbox.clear())

  test('stores the message, readable through the mailbox', async ({ assert }) => {
    await sendWelcome('awa@exemple.test')

    const stored = await mailbox.latestTo('AWA@exemple.test')
    assert.isNotNull(stored)
    assert.equal(stored!.subject, 'Bienvenue dans la promotion')
    assert.deepEqual(stored!.to, [{ address: 'awa@exemple.test', name: 'Awa Diallo' }])
    assert.exists(stored!.from?.address)
    assert.include(stored!.html!, '<strong>Awa</strong>')
    assert.equal(stored!.text, 'Bonjour Awa, rendez-vous lundi à 9 h.')
    assert.isNull(await mailbox.latestTo('personne@exemple.test'))
  })

  test('renders views when queued, so their data may hold objects that are not JSON', async ({
    assert,
    cleanup,
  }) => {
    edge.registerTemplate('test_mails/welcome', {
      template: '<p>Bonjour {{ trainee.fullName }}</p>',
    })
    cleanup(() => {
      edge.removeTemplate('test_mails/welcome')
    })
    class TraineeLike {
      fullName = 'Awa Diallo'
      createdAt = new Date()
    }

    await mail.sendLater((message) => {
      message
        .to('awa@exemple.test')
        .subject('Votre inscription')
        .htmlView('test_mails/welcome', { trainee: new TraineeLike() })
    })

    const stored = await mailbox.latestTo('awa@exemple.test')
    assert.equal(stored!.html, '<p>Bonjour Awa Diallo</p>')
  })

  test('lists the newest first', async ({ assert }) => {
    await sendWelcome('awa@exemple.test', 'Premier message')
    await sendWelcome('awa@exemple.test', 'Second message')

    const mails = await mailbox.list()
    const subjects = mails.map((stored) => stored.subject)
    assert.deepEqual(subjects, ['Second message', 'Premier message'])
  })
})

test.group('Dev mailbox pages', (group) => {
  group.each.setup(() => mailbox.clear())

  test('GET /dev/mails lists the stored messages', async ({ client, route }) => {
    await sendWelcome('awa@exemple.test')

    const response = await client.get(route('dev.mails.index'))
    response.assertStatus(200)
    response.assertTextIncludes('Bienvenue dans la promotion')
    response.assertTextIncludes('awa@exemple.test')
  })

  test('GET /dev/mails/:id shows one message, its HTML in a sandboxed frame', async ({
    client,
    route,
    assert,
  }) => {
    await sendWelcome('awa@exemple.test')
    const stored = await mailbox.latestTo('awa@exemple.test')

    const response = await client.get(route('dev.mails.show', { id: stored!.id }))
    response.assertStatus(200)
    response.assertTextIncludes('Bienvenue dans la promotion')
    response.assertTextIncludes('Bonjour Awa, rendez-vous lundi à 9 h.')
    const frame = response.text().match(/<iframe[^>]*>/)?.[0] ?? ''
    assert.include(frame, `src="${route('dev.mails.html', { id: stored!.id })}"`)
    assert.include(frame, 'sandbox="allow-popups allow-popups-to-escape-sandbox"')
    assert.notInclude(response.text(), '<strong>Awa</strong>')
  })

  test('GET /dev/mails/:id/html serves the message under a policy without scripts', async ({
    client,
    route,
    assert,
  }) => {
    await sendWelcome('awa@exemple.test')
    const stored = await mailbox.latestTo('awa@exemple.test')

    const response = await client.get(route('dev.mails.html', { id: stored!.id }))
    response.assertStatus(200)
    response.assertTextIncludes('<p>Bonjour <strong>Awa</strong>, rendez-vous lundi à 9 h.</p>')
    const policy = response.header('content-security-policy')
    assert.include(policy, `default-src 'none'`)
    assert.include(policy, 'sandbox allow-popups')
    assert.notInclude(policy, 'script')
    response.assertHeader('x-frame-options', 'SAMEORIGIN')
  })

  test('GET /dev/mails/:id answers 404 for an unknown message', async ({ client }) => {
    const response = await client.get('/dev/mails/20000101T000000000Z-00000000')
    response.assertStatus(404)
  })
})
