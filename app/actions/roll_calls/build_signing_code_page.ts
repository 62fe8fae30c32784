import { DateTime } from 'luxon'
import QRCode from 'qrcode'
import router from '@adonisjs/core/services/router'
import type ClassSession from '#models/class_session'
import type User from '#models/user'
import { appUrl } from '#config/app'
import { sessionLine } from '#actions/calendars/session_line'
import { rollCallArea } from '#actions/roll_calls/find_roll_call_session'
import { clock, isOver, isSigningOpen, opensAt } from '#actions/roll_calls/roll_call_rules'
import { currentSigningCode } from '#services/signing_code'

/**
 * The page a trainer shows the room (a phone, a projector): the session's
 * current signing code in big digits and as a QR code that opens the
 * trainee's signing page with the code filled in. Only while trainees may
 * sign. With `auto`, the page reloads itself when the code changes
 * (`<meta http-equiv="refresh">`, no JavaScript); without it, a link gets
 * the new code — a page that reloads on its own is a choice, not a
 * default (WCAG 2.2.1).
 */
export default class BuildSigningCodePage {
  async handle({
    session,
    user,
    auto = false,
    now = DateTime.now(),
  }: {
    session: ClassSession
    user: User
    auto?: boolean
    now?: DateTime
  }) {
    const open = !session.isCancelled && isSigningOpen(session, now)
    return {
      classSession: session,
      line: sessionLine(session),
      area: rollCallArea(user),
      auto,
      phase: {
        cancelled: session.isCancelled,
        open,
        over: isOver(session, now),
        opensAt: clock(opensAt(session)),
      },
      code: open ? await this.code(session, now) : null,
    }
  }

  private async code(session: ClassSession, now: DateTime) {
    const current = currentSigningCode(session.id, now)
    const url = new URL(
      router.makeUrl(
        'trainee.signing.show',
        {},
        { qs: { seance: session.id, code: current.code } }
      ),
      appUrl
    ).href
    const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
    return {
      digits: current.code,
      display: `${current.code.slice(0, 3)} ${current.code.slice(3)}`,
      url,
      svg: svg.replace(
        '<svg ',
        '<svg role="img" aria-label="QR code qui ouvre la page de signature avec ce code" focusable="false" '
      ),
      changesAt: clock(current.changesAt),
      validUntil: clock(current.validUntil),
      refreshIn: Math.max(1, Math.ceil(current.changesAt.diff(now, 'seconds').seconds) + 1),
    }
  }
}
