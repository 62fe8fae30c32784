import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import type User from '#models/user'
import { buildWorld } from '#tests/helpers/world'
import { PDF_BYTES, absence } from '#tests/functional/attendance/absences_helpers'

const SECRET = 'SECRET-HORS-DOSSIER'

/**
 * Ways to climb out of a folder, as they travel in a URL.
 */
const CLIMBS = [
  '../secret.txt',
  '..%2fsecret.txt',
  '..%2F..%2Fsecret.txt',
  '%2e%2e%2fsecret.txt',
  '%2e%2e/%2e%2e/secret.txt',
  '..%5csecret.txt',
  '....//secret.txt',
  '%2fsecret.txt',
  '%2Fetc%2Fpasswd',
  '/etc/passwd',
  '..%00.pdf',
]

test.group('Fuzz: downloads never leave their folder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('stored files, exports, mails and static files refuse path traversal', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld({ peers: true })
    const disk = drive.use()
    await disk.put('secret.txt', SECRET)
    await disk.put(`attendance-proofs/${other.organization.id}/secret.txt`, SECRET)
    await disk.put(`imports/${own.organization.id}/secret.txt`, SECRET)
    const record = await absence(own, {
      proofPath: `attendance-proofs/${own.organization.id}/a.pdf`,
    })
    await disk.put(record.proofPath!, PDF_BYTES)

    const bases: { user: User | null; url: string }[] = [
      { user: own.users.coordinator, url: `/coordination/absences/${record.id}/justificatif` },
      { user: own.users.trainee, url: `/mes-absences/${record.id}/justificatif` },
      {
        user: own.users.coordinator,
        url: `/coordination/stages/${own.internship.id}/convention-signee`,
      },
      { user: own.users.funder, url: `/exports/${own.exportRun!.id}/fichier` },
      { user: null, url: '/dev/mails/x' },
      { user: null, url: '/dev/mails/x/html' },
      { user: null, url: '/x' },
    ]
    const failures: string[] = []
    let requests = 0
    for (const { user, url } of bases) {
      const segments = url.split('/')
      // Replace each segment in turn, and add the climb at the end.
      const targets = new Set<string>()
      for (const climb of CLIMBS) {
        for (let index = 1; index < segments.length; index++) {
          targets.add([...segments.slice(0, index), climb, ...segments.slice(index + 1)].join('/'))
        }
        targets.add(`${url}/${climb}`)
        targets.add(`${url}?path=${climb}&file=${climb}&key=${climb}`)
      }
      for (const target of targets) {
        const request = client.get(target).redirects(0)
        if (user) request.loginAs(user)
        const response = await request
        requests++
        const body = response.text() ?? ''
        if (response.status() >= 500) failures.push(`${target}: status ${response.status()}`)
        if (body.includes(SECRET) || /root:x:0:0|APP_KEY=/.test(body)) {
          failures.push(`${target}: served a file from outside its folder`)
        }
      }
    }

    // The import steps only take an upload by its uuid.
    for (const climb of CLIMBS) {
      const response = await client
        .get(router.makeUrl('coordinator.applications.import.mapping', { id: own.cohort.id }))
        .qs({ upload: climb.replace(/%2f/gi, '/') })
        .loginAs(own.users.coordinator)
        .redirects(0)
      requests++
      if (response.status() >= 500) failures.push(`import upload ${climb}: ${response.status()}`)
      if ((response.text() ?? '').includes(SECRET)) failures.push(`import upload ${climb}: served`)
    }

    // The proof itself is still served, to its owner only.
    const proof = await client
      .get(`/coordination/absences/${record.id}/justificatif`)
      .loginAs(own.users.coordinator)
    proof.assertStatus(200)
    proof.assertHeader('content-type', 'application/pdf')

    console.log(`downloads: ${requests} traversal attempts`)
    assert.deepEqual(failures, [])
  }).timeout(120_000)
})
