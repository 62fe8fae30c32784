import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import AttendanceRecord from '#models/attendance_record'
import ClassSession from '#models/class_session'
import User from '#models/user'
import { buildWorld } from '#tests/helpers/world'
import { rowKey } from '#actions/roll_calls/roll_call_rows'
import {
  enrolTrainee,
  rollCallBody,
  sessionAround,
} from '#tests/functional/attendance/roll_call_helpers'

const trainerUrl = (id: number) => `/formateur/seances/${id}/appel`
const coordinatorUrl = (id: number) => `/coordination/seances/${id}/appel`

async function recordsOf(sessionId: number) {
  return AttendanceRecord.query().where('class_session_id', sessionId).orderBy('enrollment_id')
}

async function recordsById(sessionId: number) {
  const records = await recordsOf(sessionId)
  return new Map(records.map((record) => [record.enrollmentId, record]))
}

test.group('Roll call: the page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the trainees enrolled on the session day, prefilled with what is recorded', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const day = session.startsAt
    const awa = await enrolTrainee(own, 'Diallo', { firstName: 'Awa' })
    await enrolTrainee(own, 'Tardif', {
      firstName: 'Arrivée',
      enrollment: { startsOn: day.plus({ days: 2 }) },
    })
    await enrolTrainee(own, 'Partie', {
      firstName: 'Sortie',
      enrollment: { status: 'dropped_out', exitOn: day.minus({ days: 3 }) },
    })
    await enrolTrainee(own, 'Sansdate', {
      firstName: 'Abandon',
      enrollment: { status: 'dropped_out' },
    })
    const leaving = await enrolTrainee(own, 'Dernierjour', {
      firstName: 'Sortante',
      enrollment: { status: 'dropped_out', exitOn: day.plus({ days: 1 }) },
    })
    await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: session.id,
      enrollmentId: awa.enrollment.id,
      status: 'absent',
      minutesMissed: 0,
      announcedAt: DateTime.now().minus({ days: 2 }),
    })

    const response = await client.get(trainerUrl(session.id)).loginAs(own.users.trainer)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Appel : Numérique alpha')
    assert.include(html, '3 stagiaires attendus')
    assert.include(html, 'Awa Diallo')
    assert.include(html, 'Stagiaire alpha')
    assert.include(html, 'Sortante Dernierjour')
    assert.notInclude(html, 'Arrivée Tardif')
    assert.notInclude(html, 'Sortie Partie')
    assert.notInclude(html, 'Abandon Sansdate')
    assert.include(html, 'Absence annoncée')
    assert.match(
      html,
      new RegExp(`name="rows\\[${awa.key}\\]\\[status\\]" value="absent"\\s+checked`)
    )
    assert.include(html, `name="rows[${awa.key}][seen]" value="absent:0:0"`)
    assert.include(html, `name="rows[${leaving.key}][seen]" value="none"`)
    assert.include(html, 'Tout le monde est présent')
    assert.include(html, 'Enregistrer et signer l’appel')
    assert.include(html, `/formateur/seances/${session.id}/code`)
  })

  test("a trainer gets a 404 for another trainer's session and another organisation's", async ({
    client,
  }) => {
    const { own, other } = await buildWorld()
    const colleague = await User.create({
      organizationId: own.organization.id,
      fullName: 'Autre formateur',
      email: 'autre.formateur@alpha.test',
      password: 'password-123',
      role: 'trainer',
    })
    const session = await sessionAround(own, { extra: { trainerId: colleague.id } })

    const page = await client.get(trainerUrl(session.id)).loginAs(own.users.trainer)
    page.assertStatus(404)
    const save = await client
      .post(trainerUrl(session.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(rollCallBody({ [rowKey(own.enrollment.id)]: { status: 'present' } }))
      .redirects(0)
    save.assertStatus(404)
    const code = await client
      .get(`/formateur/seances/${session.id}/code`)
      .loginAs(own.users.trainer)
    code.assertStatus(404)
    const foreign = await client.get(trainerUrl(other.session.id)).loginAs(own.users.trainer)
    foreign.assertStatus(404)

    // The coordinator of the organisation takes any of its sessions.
    const coordinator = await client.get(coordinatorUrl(session.id)).loginAs(own.users.coordinator)
    coordinator.assertStatus(200)
    coordinator.assertTextIncludes('Signé sur papier')
    assert404(await client.get(coordinatorUrl(other.session.id)).loginAs(own.users.coordinator))
  })

  test('a cancelled session has no roll call; one that has not opened yet neither', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const cancelled = await sessionAround(own, { extra: { isCancelled: true } })
    const later = await sessionAround(own, { startedAgo: -120 })
    const key = rowKey(own.enrollment.id)

    const page = await client.get(trainerUrl(cancelled.id)).loginAs(own.users.trainer)
    page.assertTextIncludes('Cette séance est annulée : il n’y a pas d’appel à faire.')
    assert.notInclude(page.text(), 'Tout le monde est présent')

    const refused = await client
      .post(trainerUrl(cancelled.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(rollCallBody({ [key]: { status: 'present' } }))
    refused.assertTextIncludes('Cette séance est annulée')
    assert.lengthOf(await recordsOf(cancelled.id), 0)

    const early = await client
      .post(trainerUrl(later.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(rollCallBody({ [key]: { status: 'present' } }))
    early.assertTextIncludes('L’appel de cette séance ouvre à')
    assert.lengthOf(await recordsOf(later.id), 0)
    await later.refresh()
    assert.isNull(later.rollCallAt)
  })
})

test.group('Roll call: saving', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the trainer saves every line in one request and signs the session', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const late = await enrolTrainee(own, 'Retard', { firstName: 'Rémi' })
    const absent = await enrolTrainee(own, 'Absent', { firstName: 'Ali' })
    const phone = await enrolTrainee(own, 'Téléphone', { firstName: 'Tina' })
    const signedAt = session.startsAt.plus({ minutes: 2 })
    await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: session.id,
      enrollmentId: phone.enrollment.id,
      status: 'present',
      minutesMissed: 0,
      signedAt,
      signatureMethod: 'trainee_phone',
      signatureDevice: 'Mozilla/5.0 (Android)',
      signatureIp: '10.0.0.7',
    })
    const key = rowKey(own.enrollment.id)

    const response = await client
      .post(trainerUrl(session.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(
        rollCallBody({
          [key]: { status: 'present', minutes: '' },
          [late.key]: { status: 'late', minutes: 25 },
          [absent.key]: { status: 'absent', minutes: 40 },
          [phone.key]: { status: 'present', seen: 'present:0:0' },
        })
      )
    response.assertStatus(200)
    response.assertTextIncludes(
      'L’appel est enregistré : 2 présents, 1 en retard, 1 absent. Vous avez signé la séance.'
    )

    const records = await recordsById(session.id)
    assert.equal(records.size, 4)
    const mine = records.get(own.enrollment.id)!
    assert.equal(mine.status, 'present')
    assert.equal(mine.signatureMethod, 'trainer')
    assert.equal(mine.recordedById, own.users.trainer.id)
    assert.isNotNull(mine.signedAt)
    assert.equal(records.get(late.enrollment.id)!.status, 'late')
    assert.equal(records.get(late.enrollment.id)!.minutesMissed, 25)
    const away = records.get(absent.enrollment.id)!
    assert.equal(away.status, 'absent')
    assert.equal(away.minutesMissed, 0, 'minutes are ignored for an absence')
    assert.isNull(away.signedAt)
    const signed = records.get(phone.enrollment.id)!
    assert.equal(signed.signatureMethod, 'trainee_phone', 'a self-signature keeps its proof')
    assert.equal(signed.signatureIp, '10.0.0.7')
    assert.equal(+signed.signedAt!, +signedAt)

    await session.refresh()
    assert.isNotNull(session.rollCallAt)
    assert.equal(session.rollCallById, own.users.trainer.id)
    assert.equal(session.trainerSignatureMethod, 'trainer')
    assert.isNotNull(session.trainerSignedAt)
  })

  test('"Tout le monde est présent" marks the lines left blank as present, keeps the others', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const absent = await enrolTrainee(own, 'Absente', { firstName: 'Zoé' })
    const third = await enrolTrainee(own, 'Troisième', { firstName: 'Léa' })
    const key = rowKey(own.enrollment.id)

    const response = await client
      .post(trainerUrl(session.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(
        rollCallBody(
          { [key]: {}, [absent.key]: { status: 'absent' }, [third.key]: {} },
          { all_present: '1' }
        )
      )
    response.assertTextIncludes('L’appel est enregistré : 2 présents, 0 en retard, 1 absent.')
    const records = await recordsOf(session.id)
    const statuses = Object.fromEntries(
      records.map((record) => [record.enrollmentId, record.status])
    )
    assert.deepEqual(statuses, {
      [own.enrollment.id]: 'present',
      [absent.enrollment.id]: 'absent',
      [third.enrollment.id]: 'present',
    })
  })

  test('bad lines are refused with a message naming the trainee, and nothing is written', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const session = await sessionAround(own, { minutes: 180 })
    const second = await enrolTrainee(own, 'Martin', { firstName: 'Jules' })
    const key = rowKey(own.enrollment.id)
    const post = (body: Record<string, unknown>) =>
      client.post(trainerUrl(session.id)).loginAs(own.users.trainer).withCsrfToken().form(body)

    const unknownStatus = await post(
      rollCallBody({ [key]: { status: 'present' }, [second.key]: { status: 'malade' } })
    )
    unknownStatus.assertTextIncludes('Choisissez présent, en retard ou absent pour Jules Martin.')
    unknownStatus.assertTextIncludes(
      'L’appel n’est pas enregistré : corrigez les lignes signalées.'
    )

    const tooLong = await post(
      rollCallBody({ [key]: { status: 'late', minutes: 180 }, [second.key]: { status: 'present' } })
    )
    tooLong.assertTextIncludes(
      'Stagiaire alpha ne peut pas avoir manqué 180 minutes : la séance dure 180 minutes.'
    )

    const noMinutes = await post(
      rollCallBody({ [key]: { status: 'late' }, [second.key]: { status: 'present' } })
    )
    noMinutes.assertTextIncludes('Indiquez combien de minutes de retard a eu Stagiaire alpha.')

    const blank = await post(rollCallBody({ [key]: { status: 'present' }, [second.key]: {} }))
    blank.assertTextIncludes('Choisissez présent, en retard ou absent pour Jules Martin.')

    // A trainee of another cohort, one who left before the day, another organisation's.
    const gone = await enrolTrainee(own, 'Parti', {
      enrollment: { status: 'dropped_out', exitOn: session.startsAt.minus({ days: 5 }) },
    })
    for (const stranger of [gone.key, rowKey(other.enrollment.id), 'e999999']) {
      const response = await post(
        rollCallBody({
          [key]: { status: 'present' },
          [second.key]: { status: 'present' },
          [stranger]: { status: 'present' },
        })
      )
      response.assertTextIncludes('n’est pas attendue à cette séance')
    }

    assert.lengthOf(await recordsOf(session.id), 0)
    await session.refresh()
    assert.isNull(session.rollCallAt)
    assert.isNull(session.trainerSignedAt)
  })

  test('a form without its lines is refused by validation', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const response = await client
      .post(trainerUrl(session.id))
      .header('referer', trainerUrl(session.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form({ all_present: '1' })
    response.assertTextIncludes('La liste des stagiaires manque au formulaire')
    assert.lengthOf(await recordsOf(session.id), 0)
  })

  test('a coordinator records paper signatures, never for an absent trainee', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const second = await enrolTrainee(own, 'Papier', { firstName: 'Paul' })
    const key = rowKey(own.enrollment.id)
    const post = (body: Record<string, unknown>) =>
      client
        .post(coordinatorUrl(session.id))
        .loginAs(own.users.coordinator)
        .withCsrfToken()
        .form(body)

    const refused = await post(
      rollCallBody({
        [key]: { status: 'absent', paper: true },
        [second.key]: { status: 'present', paper: true },
      })
    )
    refused.assertTextIncludes('Stagiaire alpha est absent·e : décochez « Signé sur papier »')
    assert.lengthOf(await recordsOf(session.id), 0)

    const saved = await post(
      rollCallBody(
        { [key]: { status: 'present' }, [second.key]: { status: 'present', paper: true } },
        { trainer_paper: '1' }
      )
    )
    saved.assertTextIncludes('La signature papier du formateur est notée.')
    const records = await recordsById(session.id)
    assert.equal(records.get(second.enrollment.id)!.signatureMethod, 'paper')
    assert.isNotNull(records.get(second.enrollment.id)!.signedAt)
    // A coordinator notes a presence without signing for the trainee.
    assert.isNull(records.get(own.enrollment.id)!.signatureMethod)
    await session.refresh()
    assert.equal(session.rollCallById, own.users.coordinator.id)
    assert.equal(session.trainerSignatureMethod, 'paper')
  })
})

test.group('Roll call: two people at once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line both changed is a conflict naming the trainee; nothing of the second save is written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const second = await enrolTrainee(own, 'Durand', { firstName: 'Inès' })
    const key = rowKey(own.enrollment.id)
    const otherCoordinator = await User.create({
      organizationId: own.organization.id,
      fullName: 'Coordinatrice deux',
      email: 'coordinatrice.deux@alpha.test',
      password: 'password-123',
      role: 'coordinator',
    })

    // Both load the page (nothing recorded yet); the other saves first.
    const first = await client
      .post(coordinatorUrl(session.id))
      .loginAs(otherCoordinator)
      .withCsrfToken()
      .form(rollCallBody({ [key]: { status: 'present' }, [second.key]: { status: 'present' } }))
    first.assertTextIncludes('L’appel est enregistré')

    const response = await client
      .post(coordinatorUrl(session.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        rollCallBody({
          [key]: { status: 'present' },
          [second.key]: { status: 'absent' },
        })
      )
    response.assertTextIncludes(
      'Quelqu’un d’autre a modifié l’appel pendant que vous le remplissiez, pour : Inès Durand. Rien n’est enregistré.'
    )
    // The line in conflict shows the value recorded now, not the one sent.
    assert.match(
      response.text(),
      new RegExp(`name="rows\\[${second.key}\\]\\[status\\]" value="present"\\s+checked`)
    )
    const records = await recordsOf(session.id)
    const statuses = records.map((record) => record.status)
    assert.deepEqual(statuses, ['present', 'present'])
    await session.refresh()
    assert.equal(session.rollCallById, otherCoordinator.id)
  })

  test('lines changed by only one of them merge record by record', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const second = await enrolTrainee(own, 'Bernard', { firstName: 'Noé' })
    const key = rowKey(own.enrollment.id)
    for (const enrollmentId of [own.enrollment.id, second.enrollment.id]) {
      await AttendanceRecord.create({
        organizationId: own.organization.id,
        classSessionId: session.id,
        enrollmentId,
        status: 'present',
        minutesMissed: 0,
      })
    }

    // The trainer changes Noé to late while the coordinator, who loaded the
    // same page, changes the other trainee to absent.
    await client
      .post(trainerUrl(session.id))
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(
        rollCallBody({
          [key]: { status: 'present', seen: 'present:0:0' },
          [second.key]: { status: 'late', minutes: 15, seen: 'present:0:0' },
        })
      )
    const response = await client
      .post(coordinatorUrl(session.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        rollCallBody({
          [key]: { status: 'absent', seen: 'present:0:0' },
          [second.key]: { status: 'present', seen: 'present:0:0' },
        })
      )
    response.assertTextIncludes(
      'Les changements faits entre-temps par quelqu’un d’autre sont gardés pour : Noé Bernard.'
    )
    const records = await recordsById(session.id)
    assert.equal(records.get(own.enrollment.id)!.status, 'absent')
    assert.equal(records.get(second.enrollment.id)!.status, 'late')
    assert.equal(records.get(second.enrollment.id)!.minutesMissed, 15)
  })
})

test.group('Roll call: queries', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('saving makes as many queries for 10 trainees as for 2', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const small = await sessionAround(own, { startedAgo: 20 })
    const big = await sessionAround(own, { startedAgo: 25 })
    const trainees = []
    for (let index = 0; index < 9; index++) {
      trainees.push(await enrolTrainee(own, `Nombre${index}`))
    }

    const count = async (session: ClassSession, keys: string[]) => {
      const rows: Record<string, { status: string }> = {}
      for (const key of keys) rows[key] = { status: 'present' }
      // The request runs in this test's global transaction: its client
      // reports queries once told to debug.
      const queryClient = db.connection() as unknown as { debug: boolean }
      const before = queryClient.debug
      let queries = 0
      const listener = () => queries++
      // Counted, not printed: the pretty printer listens to the same event.
      const printing = Boolean(db.config.prettyPrintDebugQueries)
      if (printing) emitter.off('db:query', db.prettyPrint)
      queryClient.debug = true
      emitter.on('db:query', listener)
      try {
        const response = await client
          .post(trainerUrl(session.id))
          .loginAs(own.users.trainer)
          .withCsrfToken()
          .form(rollCallBody(rows))
          .redirects(0)
        response.assertStatus(302)
      } finally {
        emitter.off('db:query', listener)
        if (printing) emitter.on('db:query', db.prettyPrint)
        queryClient.debug = before
      }
      return queries
    }

    // Only two trainees expected at the small session: the others start later.
    for (const entry of trainees.slice(1)) {
      entry.enrollment.startsOn = small.startsAt.plus({ days: 1 })
      await entry.enrollment.save()
    }
    const two = await count(small, [rowKey(own.enrollment.id), trainees[0].key])
    for (const entry of trainees.slice(1)) {
      entry.enrollment.startsOn = own.cohort.startsOn
      await entry.enrollment.save()
    }
    const ten = await count(big, [rowKey(own.enrollment.id), ...trainees.map((entry) => entry.key)])

    assert.isAbove(two, 0)
    assert.equal(ten, two)
    assert.lengthOf(await recordsOf(small.id), 2)
    assert.lengthOf(await recordsOf(big.id), 10)
  })
})

function assert404(response: { assertStatus(status: number): void }) {
  response.assertStatus(404)
}
