import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import Holidays from 'date-holidays'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'

const PARIS = 'Europe/Paris'
const PROGRAMME = "Digit'Elles test"
const COHORT = "Digit'Elles test Rouen"

/**
 * The curriculum: 240 + 60 + 40 + 60 = 400 h, the internship last.
 */
const MODULES = [
  { title: 'Numérique', kind: 'Numérique', hours: 240 },
  { title: 'Français', kind: 'Français', hours: 60 },
  { title: 'Maths', kind: 'Mathématiques', hours: 40 },
  { title: 'Stage en entreprise', kind: 'Stage en entreprise', hours: 60 },
]

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']

type ListedSession = {
  /** ISO date, Paris */
  iso: string
  /** as the page writes it: "lundi 7 décembre" */
  date: string
  /** "09h00 – 12h30" */
  times: string
  minutes: number
  module: string
  trainer: string
}

/**
 * Every session of the schedule page, read from the week tables: the
 * week's Monday comes from the heading's id (week-2026-12-07), the day
 * from the weekday written in the row.
 */
async function listedSessions(page: Page): Promise<ListedSession[]> {
  const json = await page.evaluate<string>(`JSON.stringify(
    [...document.querySelectorAll('h3[id^="week-"]')].map((heading) => {
      let element = heading.nextElementSibling
      while (element && !element.classList.contains('table-wrap')) element = element.nextElementSibling
      return {
        week: heading.id.slice(5),
        rows: [...element.querySelectorAll('tbody tr')].map((row) =>
          [...row.children].map((cell) => cell.textContent.replace(/\\s+/g, ' ').trim())
        ),
      }
    })
  )`)
  const weeks = JSON.parse(json) as { week: string; rows: string[][] }[]
  return weeks.flatMap(({ week, rows }) =>
    rows.map(([date, times, module, , trainer]) => {
      const weekday = WEEKDAYS.indexOf(date.split(' ')[0])
      const day = DateTime.fromISO(week, { zone: PARIS }).plus({ days: weekday })
      const [start, end] = times.split(' – ').map((time) => {
        const [hour, minute] = time.split('h').map(Number)
        return hour * 60 + minute
      })
      if (weekday < 0 || day.day !== Number(date.split(' ')[1])) {
        throw new Error(`Cannot read the date "${date}" in the week of ${week}`)
      }
      return { iso: day.toISODate()!, date, times, minutes: end - start, module, trainer }
    })
  )
}

/**
 * The French public holidays (national days: the site is in department 76)
 * between two ISO dates, from date-holidays itself.
 */
function frenchHolidays(from: string, to: string) {
  const calendar = new Holidays('FR')
  const days = new Map<string, string>()
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of calendar.getHolidays(year)) {
      const date = holiday.date.slice(0, 10)
      if (holiday.type === 'public' && date >= from && date <= to) days.set(date, holiday.name)
    }
  }
  return days
}

async function flashed(page: Page, role: 'status' | 'alert', text: string) {
  const message = page.getByRole(role).filter({ hasText: text })
  await message.first().waitFor()
  return message.first().innerText()
}

test.group('A coordinator builds a programme and runs a cohort, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('programme of 400 h → cohort → generated schedule → a trainer clash refused', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()

    /*
     * 1. Sign in.
     */
    const page = await visit('/connexion')
    await assertAccessible(page)
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.coordinator.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination')
    await assertAccessible(page)

    /*
     * 2. The programme and its curriculum.
     */
    const nav = page.getByRole('navigation', { name: 'Menu principal' })
    await nav.getByRole('link', { name: 'Programmes', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/programmes')
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Créer un programme' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/programmes/nouveau')
    await assertAccessible(page)
    await page.getByLabel('Titre (obligatoire)', { exact: true }).fill(PROGRAMME)
    await page.getByLabel('Nombre total d’heures (obligatoire)', { exact: true }).fill('400')
    await page.getByRole('button', { name: 'Créer le programme' }).click()
    await page.waitForURL((url) => /^\/coordination\/programmes\/\d+$/.test(url.pathname))
    const programmePath = new URL(page.url()).pathname
    assert.equal(await page.locator('h1').innerText(), PROGRAMME)
    await flashed(page, 'status', 'Le programme est créé.')
    await assertAccessible(page)

    for (const [index, module] of MODULES.entries()) {
      if (index === MODULES.length - 1) {
        // 340 h of 400: marking the programme ready is refused, in French.
        await page.getByRole('button', { name: 'Marquer le programme prêt' }).click()
        const refusal = await flashed(page, 'alert', 'ne peut pas être prêt')
        assert.equal(
          refusal,
          'Le programme ne peut pas être prêt : les heures des modules doivent faire le total du programme. Total des modules : 340 h sur 400 h — il manque 60 h.'
        )
        assert.include(await page.locator('.page-header').innerText(), 'Brouillon')
        await assertAccessible(page)
      }

      await page.getByRole('link', { name: 'Ajouter un module' }).click()
      await page.waitForURL((url) => url.pathname === `${programmePath}/modules/nouveau`)
      if (index === 0) await assertAccessible(page)
      await page.getByLabel('Titre du module (obligatoire)', { exact: true }).fill(module.title)
      await page
        .getByLabel('Type de module (obligatoire)', { exact: true })
        .selectOption({ label: module.kind })
      await page
        .getByLabel('Heures prévues (obligatoire)', { exact: true })
        .fill(String(module.hours))
      await page.getByRole('button', { name: 'Ajouter le module' }).click()
      await page.waitForURL((url) => url.pathname === programmePath)
      await flashed(page, 'status', `Le module « ${module.title} » est ajouté.`)
    }

    assert.equal(
      await page.locator('#curriculum-total').innerText(),
      'Total des modules : 400 h sur 400 h — le compte est bon'
    )
    const internshipRow = page.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: 'Stage en entreprise', exact: true }),
    })
    assert.include(await internshipRow.innerText(), 'En entreprise')
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Marquer le programme prêt' }).click()
    await flashed(page, 'status', 'Le programme est prêt : vous pouvez ouvrir des promotions.')
    assert.include(await page.locator('.page-header').innerText(), 'Prêt')
    assert.equal(await page.getByRole('button', { name: 'Marquer le programme prêt' }).count(), 0)
    await assertAccessible(page)

    /*
     * 3. A cohort of it at the alpha site: from the Monday two weeks from
     *    now (Paris) for six months, 12 places, 10 funded by the Région.
     */
    const startsOn = DateTime.now().setZone(PARIS).plus({ weeks: 2 }).startOf('week')
    const endsOn = startsOn.plus({ months: 6 })

    await nav.getByRole('link', { name: 'Promotions', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/promotions')
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Créer une promotion' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/promotions/nouvelle')
    await assertAccessible(page)

    await page.getByLabel('Nom de la promotion (obligatoire)', { exact: true }).fill(COHORT)
    await page
      .getByLabel('Programme (obligatoire)', { exact: true })
      .selectOption({ label: PROGRAMME })
    await page
      .getByLabel('Lieu de formation (obligatoire)', { exact: true })
      .selectOption({ label: `${own.site.name} (${own.site.city})` })
    await page
      .getByLabel('Date de début (obligatoire)', { exact: true })
      .fill(startsOn.toISODate()!)
    await page.getByLabel('Date de fin (obligatoire)', { exact: true }).fill(endsOn.toISODate()!)
    await page.getByLabel('Nombre de places (obligatoire)', { exact: true }).fill('12')
    await page.getByLabel('Financeur 1', { exact: true }).selectOption({ label: own.funder.name })
    await page.getByLabel('Places financées (financeur 1)', { exact: true }).fill('10')
    await page.getByRole('button', { name: 'Créer la promotion' }).click()
    await page.waitForURL((url) => /^\/coordination\/promotions\/\d+$/.test(url.pathname))
    const cohortPath = new URL(page.url()).pathname
    await flashed(page, 'status', 'La promotion est créée.')
    assert.equal(await page.locator('h1').innerText(), COHORT)
    const details = await page.locator('main').innerText()
    const day = (date: DateTime) => date.setLocale('fr').toFormat('d LLLL yyyy')
    assert.include(details, `du ${day(startsOn)} au ${day(endsOn)}`)
    assert.include(details, '0 sur 12 places')
    assert.include(details, `${PROGRAMME} (400 h)`)
    const funderRow = page.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: own.funder.name, exact: true }),
    })
    assert.equal(await funderRow.getByRole('cell').innerText(), '10')
    await assertAccessible(page)

    /*
     * 4. Its schedule, generated with the default weekly pattern.
     */
    await page.getByRole('link', { name: 'Voir et préparer le planning de la promotion' }).click()
    await page.waitForURL((url) => url.pathname === `${cohortPath}/planning`)
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Générer le planning' }).click()
    const generated = await flashed(page, 'status', 'Planning généré')
    assert.include(generated, '(400 h)')
    await assertAccessible(page)

    const hoursTable = page.getByRole('table', {
      name: 'Heures planifiées par module, comparées au programme',
    })
    for (const module of MODULES) {
      const cells = await hoursTable
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: module.title, exact: true }) })
        .getByRole('cell')
        .allInnerTexts()
      assert.deepEqual(
        cells.map((cell) => cell.trim()),
        [
          module.title === 'Stage en entreprise' ? 'En entreprise' : 'Au centre',
          `${module.hours} h`,
          `${module.hours} h`,
          'Conforme',
        ],
        `${module.title}: scheduled hours meet the curriculum`
      )
    }
    assert.include(
      await page.locator('section[aria-labelledby="hours-title"]').innerText(),
      'Programme : 400 h. Planifiées : 400 h.'
    )

    // The sessions as listed: within the cohort's dates, never on a public
    // holiday, and their own hours add up per module too.
    const sessions = await listedSessions(page)
    assert.isAbove(sessions.length, 50)
    const holidays = frenchHolidays(startsOn.toISODate()!, endsOn.toISODate()!)
    assert.isAbove(holidays.size, 0, 'the period has public holidays')
    const lastSession = sessions.at(-1)!.iso
    const skipped = [...holidays.keys()].filter((date) => date <= lastSession)
    const onHolidays = sessions.filter((session) => holidays.has(session.iso))
    assert.deepEqual(
      onHolidays.map((session) => `${session.iso} (${holidays.get(session.iso)})`),
      [],
      `no session on a public holiday (${skipped.join(', ')} fall within the schedule)`
    )
    // The holidays were skipped, not a gap: on a weekday of the pattern, the
    // same weekday of the nearest weeks (within the schedule, not itself a
    // holiday, e.g. 25 December then 1 January) has sessions.
    const sessionDays = new Set(sessions.map((session) => session.iso))
    for (const date of skipped) {
      const holiday = DateTime.fromISO(date, { zone: PARIS })
      if (holiday.weekday > 5) continue
      const sameWeekdays = [1, 2, 3, 4]
        .flatMap((weeks) => [holiday.minus({ weeks }), holiday.plus({ weeks })])
        .map((sameDay) => sameDay.toISODate()!)
        .filter((iso) => !holidays.has(iso) && iso >= startsOn.toISODate()! && iso <= lastSession)
      assert.isTrue(
        sameWeekdays.some((iso) => sessionDays.has(iso)),
        `${date} (${holidays.get(date)}) is skipped while the same weekday has sessions`
      )
    }
    const outside = sessions.filter(
      (session) => session.iso < startsOn.toISODate()! || session.iso > endsOn.toISODate()!
    )
    assert.deepEqual(outside, [], 'every session within the cohort’s dates')
    for (const module of MODULES) {
      const minutes = sessions
        .filter((session) => session.module === module.title)
        .reduce((sum, session) => sum + session.minutes, 0)
      assert.equal(minutes, module.hours * 60, `${module.title}: minutes of its sessions`)
    }
    const holidaysListed = await page
      .locator('section[aria-labelledby="holidays-title"] li')
      .allInnerTexts()
    assert.equal(holidaysListed.length, holidays.size, 'the page lists the period’s holidays')

    /*
     * 5. The first session gets the alpha trainer…
     */
    const first = sessions[0]
    assert.equal(first.times, '09h00 – 12h30')
    assert.equal(first.module, 'Numérique')
    await page
      .getByRole('link', {
        name: `Modifier la séance du ${first.date}, ${first.times}`,
        exact: true,
      })
      .click()
    await page.waitForURL((url) => /^\/coordination\/seances\/\d+\/modifier$/.test(url.pathname))
    await assertAccessible(page)
    await page
      .getByLabel('Formateur ou formatrice', { exact: true })
      .selectOption({ label: own.users.trainer.fullName })
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `${cohortPath}/planning`)
    await flashed(page, 'status', 'La séance est enregistrée.')
    const [edited] = await listedSessions(page)
    assert.equal(edited.iso, first.iso)
    assert.equal(edited.trainer, own.users.trainer.fullName)

    // … who therefore cannot teach the world's alpha cohort at the same time.
    await nav.getByRole('link', { name: 'Promotions', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/promotions')
    await page.getByRole('link', { name: own.cohort.name, exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/coordination/promotions/${own.cohort.id}`)
    await page.getByRole('link', { name: 'Voir et préparer le planning de la promotion' }).click()
    await page.waitForURL(
      (url) => url.pathname === `/coordination/promotions/${own.cohort.id}/planning`
    )
    const alphaSessionsBefore = await listedSessions(page)
    await page.getByRole('link', { name: 'Ajouter une séance' }).click()
    const addPath = `/coordination/promotions/${own.cohort.id}/seances/nouvelle`
    await page.waitForURL((url) => url.pathname === addPath)
    await assertAccessible(page)

    await page.getByLabel('Date (obligatoire)', { exact: true }).fill(first.iso)
    await page.getByLabel('Heure de début (obligatoire)', { exact: true }).fill('10:00')
    await page.getByLabel('Heure de fin (obligatoire)', { exact: true }).fill('12:00')
    await page
      .getByLabel('Module (obligatoire)', { exact: true })
      .selectOption({ label: own.module.title })
    await page
      .getByLabel('Formateur ou formatrice', { exact: true })
      .selectOption({ label: own.users.trainer.fullName })
    await page.getByRole('button', { name: 'Ajouter la séance' }).click()

    const clash = `${own.users.trainer.fullName} anime déjà « Numérique » de ${COHORT} le ${first.date} de 9 h à 12 h 30.`
    const summary = await flashed(page, 'alert', 'anime déjà')
    assert.include(summary, clash)
    assert.equal(new URL(page.url()).pathname, addPath)
    const fieldError = await page.locator('#field-trainer_id-error').innerText()
    assert.include(fieldError, clash)
    // The form keeps what was typed.
    assert.equal(
      await page.getByLabel('Date (obligatoire)', { exact: true }).inputValue(),
      first.iso
    )
    await assertAccessible(page)

    // Nothing was added to the alpha cohort.
    await page.getByRole('link', { name: 'Retour au planning' }).click()
    await page.waitForURL(
      (url) => url.pathname === `/coordination/promotions/${own.cohort.id}/planning`
    )
    assert.deepEqual(await listedSessions(page), alphaSessionsBefore)

    /*
     * 6. Sign out.
     */
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.waitForURL((url) => url.pathname === '/')
  }).timeout(90_000)
})
