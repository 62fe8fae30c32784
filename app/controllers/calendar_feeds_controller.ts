import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import BuildCalendarFeed from '#actions/calendars/build_calendar_feed'
import RegenerateCalendarToken, {
  calendarTokenOf,
} from '#actions/calendars/regenerate_calendar_token'
import { appUrl } from '#config/app'

export default class CalendarFeedsController {
  /**
   * The person's private calendar address, to copy into a phone.
   */
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const feedUrl = new URL(
      router.makeUrl('calendar.feed', { token: await calendarTokenOf(user) }),
      appUrl
    ).href
    const webcalUrl = feedUrl.replace(/^https?:/, 'webcal:')
    const back = user.role === 'trainer' ? 'trainer.sessions.index' : 'trainee.planning'
    return view.render('pages/trainee/calendar', { feedUrl, webcalUrl, back })
  }

  /**
   * A new address; the old one stops working.
   */
  async regenerate({ auth, session, response }: HttpContext) {
    await new RegenerateCalendarToken().handle({ user: auth.getUserOrFail() })
    session.flash('success', 'Votre nouveau lien est prêt. L’ancien lien ne marche plus.')
    return response.redirect().toRoute('calendar.show')
  }

  /**
   * The .ics feed itself: public, found by its token only.
   */
  async feed({ params, response }: HttpContext) {
    const feed = await new BuildCalendarFeed().handle({ token: String(params.token) })
    if (!feed) return response.notFound('Calendrier introuvable')
    response.header('Content-Type', 'text/calendar; charset=utf-8')
    response.header('Content-Disposition', 'inline; filename="cohorte.ics"')
    response.header('Cache-Control', 'private, no-store')
    response.header('X-Robots-Tag', 'noindex')
    return response.send(feed.body)
  }
}
