import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { addSession, todayInParis } from '#tests/functional/plannings/helpers'

test.group('Mon planning on a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a trainee reads their planning at 360×740, without horizontal scrolling', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const nextWeek = todayInParis().startOf('week').plus({ weeks: 1 })
    const published = DateTime.now().minus({ days: 2 })
    await addSession(own, 'Français : écrire un courriel de candidature', nextWeek, {
      isCancelled: true,
    })
    await addSession(own, 'Maths du quotidien', nextWeek.plus({ days: 1 }), {
      publishedAt: published,
      changedAt: published.plus({ days: 1 }),
      room: 'Grande salle du rez-de-chaussée, bâtiment B',
    })

    const page = await visitAccessible(visit, '/connexion')
    await page.setViewportSize({ width: 360, height: 740 })
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.trainee.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/mon-planning')

    assert.equal(await page.locator('h1').innerText(), 'Mon planning')
    const main = await page.locator('main').innerText()
    assert.include(main, 'de 09h00 à 12h30')
    assert.include(main, 'Annulée : ne venez pas')
    assert.include(main, 'Modifiée')
    assert.include(main, 'Semaine du')
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')
    await assertAccessible(page)

    await page.getByRole('link', { name: /calendrier de mon téléphone/ }).click()
    await page.waitForURL((url) => url.pathname === '/mon-calendrier')
    const calendarOverflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(calendarOverflow, 'no horizontal scrolling on the calendar page')
    assert.match(
      await page.getByLabel('Mon lien de calendrier').inputValue(),
      /\/calendrier\/[\w-]{43}\.ics$/
    )
    await assertAccessible(page)
  })
})
