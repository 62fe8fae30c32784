import { test } from '@japa/runner'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'

/**
 * Public pages, in a real browser (Chromium): each answers 200, has one h1
 * with its title, and passes axe (WCAG 2.0/2.1, A and AA).
 */
const PUBLIC_PAGES = [
  { url: '/', h1: /^Cohorte\b/ },
  { url: '/accessibilite', h1: /^Déclaration d.accessibilité$/ },
  { url: '/mentions-legales', h1: /^Mentions légales$/ },
  { url: '/confidentialite', h1: /confidentialité/i },
]

test.group('Public pages in a browser', () => {
  test('{url} answers 200, has its h1 and passes axe')
    .with(PUBLIC_PAGES)
    .run(async ({ visit, assert }, row) => {
      const page = await visitAccessible(visit, row.url)
      const headings = page.locator('h1')
      assert.equal(await headings.count(), 1, `exactly one h1 on ${row.url}`)
      assert.match(await headings.innerText(), row.h1)
    })

  test('the first Tab focuses the skip link, which leads to the main content', async ({
    visit,
    assert,
  }) => {
    const page = await visitAccessible(visit, '/')
    await page.keyboard.press('Tab')

    const focused = page.locator(':focus')
    assert.equal(await focused.count(), 1, 'something has the focus after Tab')
    assert.equal(
      await focused.evaluate((element) => element.tagName.toLowerCase()),
      'a',
      'the first focusable element is a link'
    )
    const href = (await focused.getAttribute('href')) ?? ''
    assert.match(href, /^#.+/, 'the skip link points inside the page')
    assert.match(await focused.innerText(), /contenu/i, 'the skip link says where it leads')
    assert.isTrue(await focused.isVisible(), 'the skip link shows once focused')

    const targetId = href.slice(1)
    assert.equal(
      await page.locator(`[id="${targetId}"]`).count(),
      1,
      `the skip link target #${targetId} exists`
    )

    // Following it moves the reading position to the main content.
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.hash === `#${targetId}`)
    await assertAccessible(page)
  })

  test('the home page fits a phone screen (360×740) and passes axe there', async ({
    browserContext,
    assert,
  }) => {
    const page = await browserContext.newPage()
    await page.setViewportSize({ width: 360, height: 740 })
    const response = await page.goto('/')
    assert.equal(response?.status(), 200)
    await assertAccessible(page)

    // WCAG 1.4.10 (reflow): no horizontal scrolling at 360 CSS pixels.
    const overflow = await page
      .locator('html')
      .evaluate((html) => html.scrollWidth - html.clientWidth)
    assert.isAtMost(overflow, 0, 'no horizontal scroll on a phone')
  })
})
