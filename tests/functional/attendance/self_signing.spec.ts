import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiResponse } from '@japa/api-client'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import { PARIS } from '#services/sql_time'
import AttendanceRecord from '#models/attendance_record'
import AuditEvent from '#models/audit_event'
import Cohort from '#models/cohort'
import { buildWorld, type Side } from '#tests/helpers/world'
import { rowKey } from '#actions/roll_calls/roll_call_rows'
import {
  checkSigningCode,
  currentSigningCode,
  signingCodeFor,
  signingCodeStep,
} from '#services/signing_code'
import { rollCallBody, sessionAround } from '#tests/functional/attendance/roll_call_helpers'

const PHONE =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36'

/**
 * The page the request ends on includes the text.
 */
async function says(request: Promise<ApiResponse>, text: string) {
  const response = await request
  response.assertTextIncludes(text)
}

async function recordOf(side: Side, sessionId: number) {
  return AttendanceRecord.query()
    .where('class_session_id', sessionId)
    .where('enrollment_id', side.enrollment.id)
    .first()
}

test.group('Signing code', () => {
  test('a code changes every minute; the current and previous ones are accepted, older ones expired', ({
    assert,
  }) => {
    const at = DateTime.fromISO('2026-03-02T09:05:30Z')
    const step = signingCodeStep(at)
    const { code, changesAt, validUntil } = currentSigningCode(42, at)
    assert.match(code, /^\d{6}$/)
    assert.equal(code, signingCodeFor(42, step))
    assert.notEqual(code, signingCodeFor(43, step), 'each session has its own code')
    assert.equal(changesAt.toISO(), '2026-03-02T09:06:00.000Z')
    assert.equal(validUntil.toISO(), '2026-03-02T09:07:00.000Z')

    assert.equal(checkSigningCode(42, code, at), 'valid')
    assert.equal(checkSigningCode(42, code, at.plus({ seconds: 60 })), 'valid')
    assert.equal(checkSigningCode(42, code, at.plus({ minutes: 3 }), at), 'expired')
    assert.equal(
      checkSigningCode(43, code, at),
      code === signingCodeFor(43, step) ? 'valid' : 'wrong'
    )
  })
})

test.group('Signer ma présence', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test("the page shows today's session open to signing; a QR code fills the code in", async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const page = await client
      .get(`/mon-planning/signer?seance=${session.id}&code=123456`)
      .loginAs(own.users.trainee)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Signer ma présence')
    assert.include(html, 'Code de la séance')
    assert.include(html, `name="session_id" value="${session.id}"`)
    assert.match(html, /name="code"\s+value="123456"/)
    assert.include(html, 'autocomplete="one-time-code"')
  })

  test('a trainee signs with the code shown: present, with the proof stored', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const response = await client
      .post('/mon-planning/signer')
      .header('user-agent', PHONE)
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .form({ session_id: session.id, code: currentSigningCode(session.id).code })
    response.assertTextIncludes('C’est signé, à')
    response.assertTextIncludes('Votre présence est notée.')

    const record = await recordOf(own, session.id)
    assert.isNotNull(record)
    assert.equal(record!.status, 'present')
    assert.equal(record!.minutesMissed, 0)
    assert.equal(record!.signatureMethod, 'trainee_phone')
    assert.equal(record!.signatureDevice, PHONE)
    assert.isNotNull(record!.signatureIp)
    assert.isBelow(Math.abs(record!.signedAt!.diffNow('seconds').seconds), 60)
    assert.equal(record!.recordedById, own.users.trainee.id)
  })

  test('signing 30 minutes after the start records a lateness; the previous code still works', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 30 })
    const previous = signingCodeFor(session.id, signingCodeStep(DateTime.now()) - 1)
    const response = await client
      .post('/mon-planning/signer')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .form({ session_id: session.id, code: `${previous.slice(0, 3)} ${previous.slice(3)}` })
    response.assertTextIncludes('Vous êtes noté en retard de')
    const record = await recordOf(own, session.id)
    assert.equal(record!.status, 'late')
    assert.closeTo(record!.minutesMissed, 30, 1)
  })

  test('an expired code, a wrong code, another session’s code are refused with their reason', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 20 })
    const otherCohort = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion voisine',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 12,
      status: 'running',
    })
    const nextDoor = await sessionAround(own, {
      startedAgo: 10,
      extra: { cohortId: otherCohort.id, room: 'Salle 4' },
    })
    const post = (code: string) =>
      client
        .post('/mon-planning/signer')
        .header('referer', '/mon-planning/signer')
        .loginAs(own.users.trainee)
        .withCsrfToken()
        .form({ session_id: session.id, code })

    const expired = signingCodeFor(session.id, signingCodeStep(DateTime.now()) - 3)
    await says(
      post(expired),
      'Ce code a expiré : tapez le code affiché maintenant par votre formateur ou formatrice.'
    )
    await says(post(currentSigningCode(nextDoor.id).code), 'Ce code est celui d’une autre séance.')
    const current = currentSigningCode(session.id).code
    const wrong = current === '000000' ? '000001' : '000000'
    await says(post(wrong), 'Ce code n’est pas le bon.')
    await says(post('12a'), 'Écrivez les 6 chiffres du code affiché')

    assert.isNull(await recordOf(own, session.id))
  })

  test('too many wrong codes block signing for a while, even with the right code', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const current = currentSigningCode(session.id).code
    const wrong = current === '999999' ? '999998' : '999999'
    const post = (code: string) =>
      client
        .post('/mon-planning/signer')
        .loginAs(own.users.trainee)
        .withCsrfToken()
        .form({ session_id: session.id, code })

    for (let attempt = 0; attempt < 5; attempt++) {
      await says(post(wrong), 'Ce code n’est pas le bon.')
    }
    const blocked = await post(currentSigningCode(session.id).code)
    blocked.assertTextIncludes('Trop de codes faux. Réessayez dans 5 minutes')
    assert.isNull(await recordOf(own, session.id))
  })

  test('outside the window: not open yet, over; a cancelled session', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const later = await sessionAround(own, { startedAgo: -60 })
    const cancelled = await sessionAround(own, { startedAgo: 5, extra: { isCancelled: true } })
    const post = (id: number) =>
      client
        .post('/mon-planning/signer')
        .loginAs(own.users.trainee)
        .withCsrfToken()
        .form({ session_id: id, code: currentSigningCode(id).code })

    await says(post(later.id), 'La signature de cette séance ouvre à')
    await says(post(own.pastSession.id), 'Cette séance est terminée : la signature est fermée.')
    await says(post(cancelled.id), 'Cette séance est annulée')
    assert.isNull(await recordOf(own, later.id))
    assert.isNull(await recordOf(own, cancelled.id))

    const page = await client.get('/mon-planning/signer').loginAs(own.users.trainee)
    page.assertTextIncludes('La signature ouvre à')
  })

  test('a second signature keeps the first', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const first = DateTime.now().minus({ minutes: 4 }).startOf('second')
    await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: session.id,
      enrollmentId: own.enrollment.id,
      status: 'present',
      minutesMissed: 0,
      signedAt: first,
      signatureMethod: 'trainee_phone',
      signatureIp: '10.0.0.1',
    })
    const response = await client
      .post('/mon-planning/signer')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .form({ session_id: session.id, code: currentSigningCode(session.id).code })
    response.assertTextIncludes('Vous avez déjà signé pour cette séance')
    const record = await recordOf(own, session.id)
    assert.equal(+record!.signedAt!, +first)
    assert.equal(record!.signatureIp, '10.0.0.1')
  })

  test('a trainee not enrolled on the day, or with an absence announced, cannot sign', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const post = () =>
      client
        .post('/mon-planning/signer')
        .loginAs(own.users.trainee)
        .withCsrfToken()
        .form({ session_id: session.id, code: currentSigningCode(session.id).code })

    await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: session.id,
      enrollmentId: own.enrollment.id,
      status: 'absent',
      minutesMissed: 0,
      announcedAt: DateTime.now().minus({ days: 1 }),
    })
    await says(post(), 'Vous avez annoncé une absence pour cette séance.')
    assert.equal((await recordOf(own, session.id))!.status, 'absent')

    await AttendanceRecord.query().where('class_session_id', session.id).delete()
    // The day after the session's day in Paris (the session may start
    // just after midnight there, still the day before in UTC).
    own.enrollment.startsOn = session.startsAt.setZone(PARIS).startOf('day').plus({ days: 1 })
    await own.enrollment.save()
    await says(post(), 'Vous n’êtes pas inscrit à cette séance à cette date.')
    assert.isNull(await recordOf(own, session.id))
  })

  test("a trainee cannot sign for another cohort's or another organisation's session", async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const otherCohort = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion voisine',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 12,
      status: 'running',
    })
    const nextDoor = await sessionAround(own, {
      startedAgo: 5,
      extra: { cohortId: otherCohort.id },
    })
    const foreign = await sessionAround(other, { startedAgo: 5 })
    for (const session of [nextDoor, foreign]) {
      const response = await client
        .post('/mon-planning/signer')
        .loginAs(own.users.trainee)
        .withCsrfToken()
        .form({
          session_id: session.id,
          code: currentSigningCode(session.id).code,
          enrollment_id: other.enrollment.id,
        })
        .redirects(0)
      response.assertStatus(404)
    }
    assert.lengthOf(
      await AttendanceRecord.query().whereIn('class_session_id', [nextDoor.id, foreign.id]),
      0
    )
  })

  test('a trainee marked absent at the roll call who arrives signs in late; the change is audited', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 40 })
    await client
      .post(`/formateur/seances/${session.id}/appel`)
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(rollCallBody({ [rowKey(own.enrollment.id)]: { status: 'absent' } }))
    assert.equal((await recordOf(own, session.id))!.status, 'absent')

    const response = await client
      .post('/mon-planning/signer')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .form({ session_id: session.id, code: currentSigningCode(session.id).code })
    response.assertTextIncludes('Vous êtes noté en retard de')
    const record = await recordOf(own, session.id)
    assert.equal(record!.status, 'late')
    assert.closeTo(record!.minutesMissed, 40, 1)
    assert.equal(record!.signatureMethod, 'trainee_phone')
    const event = await AuditEvent.query()
      .where('subject_type', 'attendance_records')
      .where('subject_id', record!.id)
      .firstOrFail()
    assert.equal(event.userId, own.users.trainee.id)
    assert.deepEqual(event.changes!.status, { from: 'absent', to: 'late' })
  })
})

test.group('Signing code page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the trainer shows the current code and a QR code of the signing address', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const response = await client
      .get(`/formateur/seances/${session.id}/code`)
      .loginAs(own.users.trainer)
    response.assertStatus(200)
    const html = response.text()
    const shown = /id="signing-code">[^<]*<span[^>]*>[^<]*<\/span>(\d{3} \d{3})</.exec(html)
    assert.isNotNull(shown)
    const digits = shown![1].replace(' ', '')
    assert.equal(checkSigningCode(session.id, digits, DateTime.now()), 'valid')
    assert.include(html, '<svg role="img" aria-label="QR code qui ouvre la page de signature')
    assert.notInclude(html, 'http-equiv="refresh"', 'no reload unless asked for')
    assert.include(html, `/formateur/seances/${session.id}/code?auto=1`)

    const auto = await client
      .get(`/formateur/seances/${session.id}/code?auto=1`)
      .loginAs(own.users.trainer)
    assert.match(auto.text(), /<meta http-equiv="refresh" content="\d{1,2}">/)
    auto.assertTextIncludes('Arrêter la mise à jour automatique')

    const coordinator = await client
      .get(`/coordination/seances/${session.id}/code`)
      .loginAs(own.users.coordinator)
    coordinator.assertStatus(200)
    coordinator.assertTextIncludes('Code de signature')
  })

  test('no code outside the signing window', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const later = await sessionAround(own, { startedAgo: -120 })
    const early = await client.get(`/formateur/seances/${later.id}/code`).loginAs(own.users.trainer)
    early.assertTextIncludes('Les stagiaires pourront signer à partir de')
    assert.notInclude(early.text(), 'id="signing-code"')
    const over = await client
      .get(`/formateur/seances/${own.pastSession.id}/code`)
      .loginAs(own.users.trainer)
    over.assertTextIncludes('La séance est terminée : les stagiaires ne peuvent plus signer.')
  })
})
