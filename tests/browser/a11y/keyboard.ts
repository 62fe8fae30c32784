import type { Browser, BrowserContext, Locator, Page } from 'playwright'

/**
 * Keyboard-only helpers for the journeys: the page is moved through with
 * Tab (and Shift+Tab), buttons and links are used with Enter or Space,
 * text is typed into the focused field. Inside a radio group and a closed
 * select the arrow keys choose the option, as the platform does.
 *
 * Every element that receives the focus on the way must show it (an
 * outline of 2px or more, or a box shadow, on it or on the element drawn
 * for it), be on screen, and come after the previous one in the document:
 * the tab order follows the reading order.
 */

type Stop = {
  description: string
  position: number
  visibleFocus: boolean
  onScreen: boolean
}

/**
 * The few browser globals the functions run in the page use (this
 * project's TypeScript has no DOM types). Functions, not strings: the
 * Content-Security-Policy forbids evaluating strings in the page.
 */
type DomElement = {
  id: string
  tagName: string
  innerText: string
  textContent: string | null
  nextElementSibling: DomElement | null
  getAttribute(name: string): string | null
  contains(other: unknown): boolean
  getBoundingClientRect(): { width: number; height: number }
}
declare const document: {
  activeElement: DomElement | null
  body: DomElement
  querySelector(selector: string): DomElement | null
  getElementsByTagName(name: string): ArrayLike<unknown>
}
declare function getComputedStyle(element: DomElement): {
  outlineStyle: string
  outlineWidth: string
  boxShadow: string
}

/**
 * The focused element as the checks need it, read in the page. Custom
 * controls draw the focus on the element that follows the (visually
 * hidden) input, or on its label.
 */
async function focusedStop(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element || element === document.body) return null
    const shows = (node: DomElement | null) => {
      if (!node) return false
      const style = getComputedStyle(node)
      const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2
      return outline || style.boxShadow !== 'none'
    }
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`) : null
    const rect = element.getBoundingClientRect()
    const name =
      element.getAttribute('aria-label') ||
      label?.textContent ||
      element.innerText ||
      element.getAttribute('name') ||
      ''
    const tag = element.tagName.toLowerCase() + (element.id ? ` id="${element.id}"` : '')
    return {
      description: `<${tag}> ${name.replace(/\s+/g, ' ').trim().slice(0, 60)}`,
      position: Array.prototype.indexOf.call(document.getElementsByTagName('*'), element),
      visibleFocus: shows(element) || shows(element.nextElementSibling) || shows(label),
      onScreen: rect.width > 0 && rect.height > 0,
    }
  })
}

/**
 * Walks the focus order with Tab; every stop is checked as said above.
 */
export class KeyboardWalk {
  /** Every stop reached, in order, for the failure messages. */
  readonly stops: string[] = []
  private last = -1

  constructor(private page: Page) {}

  /**
   * After the focus was moved to the target (a link to a field, the error
   * summary taking the focus), the order goes on from there.
   */
  async restartAt(target: Locator) {
    this.last = await positionOf(target)
  }

  private async check(forward: boolean) {
    const stop = await focusedStop(this.page)
    if (!stop) throw new Error(`Tab left the page. Stops so far:\n${this.stops.join('\n')}`)
    this.stops.push(stop.description)
    if (!stop.visibleFocus) {
      throw new Error(`The focus is not visible on ${stop.description}`)
    }
    if (!stop.onScreen) {
      throw new Error(`The focus went to something not shown: ${stop.description}`)
    }
    // The same element twice in a row: the parts of a date field.
    if (forward && stop.position < this.last) {
      throw new Error(
        `Tab went back up the page to ${stop.description}. Stops:\n${this.stops.join('\n')}`
      )
    }
    if (!forward && this.last !== -1 && stop.position > this.last) {
      throw new Error(`Shift+Tab went down the page to ${stop.description}`)
    }
    this.last = stop.position
    return stop
  }

  async tab() {
    await this.page.keyboard.press('Tab')
    return this.check(true)
  }

  async shiftTab() {
    await this.page.keyboard.press('Shift+Tab')
    return this.check(false)
  }

  /**
   * Tab until the target has the focus (at most `max` presses); no press
   * when it has it already.
   */
  async tabTo(target: Locator, max = 40) {
    return this.tabUntil(() => hasFocus(target), max)
  }

  async tabUntil(reached: () => Promise<boolean>, max = 40) {
    for (let press = 0; press < max; press++) {
      if (await reached()) return
      await this.tab()
    }
    if (await reached()) return
    throw new Error(`${max} Tabs did not reach the target. Stops:\n${this.stops.join('\n')}`)
  }

  /**
   * Tab to a text field and type into it.
   */
  async type(target: Locator, text: string) {
    await this.tabTo(target)
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.type(text)
  }

  /**
   * Tab into a radio group (its first radio, or the checked one), then the
   * arrow keys until the wanted radio is checked.
   */
  async choose(group: Locator, option: Locator) {
    await this.tabUntil(() =>
      group
        .evaluate((element) => {
          const focused = document.activeElement
          return (
            (element as unknown as DomElement).contains(focused) &&
            focused?.getAttribute('type') === 'radio'
          )
        })
        .catch(() => false)
    )
    for (let press = 0; press < 12; press++) {
      if (await option.isChecked()) {
        this.last = await positionOf(option)
        return
      }
      await this.page.keyboard.press('ArrowDown')
    }
    throw new Error('The arrow keys did not reach the radio')
  }

  /**
   * Tab to a date field and type the day, month and year in the order the
   * field shows them (Chromium draws it in its own language: day first in
   * French, month first in English); its parts move on by themselves.
   */
  async typeDate(target: Locator, isoDate: string) {
    const [year, month, day] = isoDate.split('-')
    await this.tabTo(target)
    await this.page.keyboard.type(`${day}${month}${year}`)
    if ((await target.inputValue()) === isoDate) return
    // Month first: back to the first part (Shift+Tab moves between parts).
    await this.page.keyboard.press('Shift+Tab')
    await this.page.keyboard.press('Shift+Tab')
    await this.page.keyboard.type(`${month}${day}${year}`)
  }

  /**
   * Tab to a button and use it with Enter or Space; resolves once the page
   * it leads to has loaded.
   */
  async submit(target: Locator, key: 'Enter' | 'Space' = 'Enter') {
    const navigated = this.page.waitForEvent(
      'framenavigated',
      (frame) => frame === this.page.mainFrame()
    )
    await this.press(target, key)
    await navigated
    await this.page.waitForLoadState('load')
  }

  /**
   * Tab to a checkbox and tick it with Space (if it is not ticked yet).
   */
  async tick(target: Locator) {
    await this.tabTo(target)
    if (!(await target.isChecked())) await this.page.keyboard.press('Space')
    if (!(await target.isChecked())) throw new Error('Space did not tick the box')
  }

  /**
   * Tab to a closed select, then ArrowDown until the wanted option shows.
   */
  async select(target: Locator, label: string) {
    await this.tabTo(target)
    for (let press = 0; press < 20; press++) {
      const shown = await target
        .inputValue()
        .then((value) => target.locator(`option[value="${value}"]`).innerText())
      if (shown === label) return
      await this.page.keyboard.press('ArrowDown')
    }
    throw new Error(`ArrowDown did not reach the option ${label}`)
  }

  /**
   * Tab to a button or link and use it with the given key.
   */
  async press(target: Locator, key: 'Enter' | 'Space' = 'Enter') {
    await this.tabTo(target)
    await this.page.keyboard.press(key)
  }
}

export function hasFocus(target: Locator) {
  return target
    .evaluate((element) => (element as unknown) === document.activeElement)
    .catch(() => false)
}

/**
 * Where the element is in the document order.
 */
export function positionOf(target: Locator) {
  return target.evaluate((element) =>
    Array.prototype.indexOf.call(document.getElementsByTagName('*'), element)
  )
}

/**
 * The first Tab on a page reaches the skip link, shown; Enter moves the
 * focus to the main content, and the next Tab lands inside it.
 */
export async function useSkipLink(page: Page) {
  await page.keyboard.press('Tab')
  const skip = page.locator('a.skip-link')
  if (!(await hasFocus(skip))) throw new Error('The first Tab does not reach the skip link')
  if (!(await skip.isVisible())) throw new Error('The skip link does not show once focused')
  // It slides in when focused (a short transition): give it a moment.
  let box = await skip.boundingBox()
  for (let wait = 0; wait < 20 && (!box || box.y < 0); wait++) {
    await page.waitForTimeout(50)
    box = await skip.boundingBox()
  }
  if (!box || box.y < 0) throw new Error('The focused skip link is off screen')
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => url.hash === '#main')
  if (!(await hasFocus(page.locator('main')))) {
    throw new Error('The skip link does not move the focus to the main content')
  }
  const walk = new KeyboardWalk(page)
  await walk.restartAt(page.locator('main'))
  await walk.tab()
  const inMain = await page.evaluate(() =>
    Boolean(document.querySelector('main')?.contains(document.activeElement))
  )
  if (!inMain) throw new Error('After the skip link, Tab leaves the main content')
  return walk
}

/**
 * A context like the suite's (French, Paris time, the test server's URL)
 * with JavaScript turned off: the page works through plain forms.
 */
export async function contextWithoutJavaScript(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    javaScriptEnabled: false,
  })
}
