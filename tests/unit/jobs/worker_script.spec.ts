import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { workerNodeFlags } from '#bench/export'

test.group('npm run worker', () => {
  test('starts jobs:work with a heap cap, the flags the bench measures the export with', async ({
    assert,
  }) => {
    const { scripts } = JSON.parse(await readFile(app.makePath('package.json'), 'utf8'))
    const flags = workerNodeFlags(scripts)
    const cap = flags.find((flag) => flag.startsWith('--max-old-space-size='))
    assert.exists(cap, 'the worker script sets --max-old-space-size')
    const megabytes = Number(cap!.split('=')[1])
    // Room for several jobs at once, and below the 250 MB the export must stay under.
    assert.isAtLeast(megabytes, 128)
    assert.isBelow(megabytes, 250)
  })

  test('reads the flags between node and ace.js jobs:work, and nothing else', ({ assert }) => {
    assert.deepEqual(
      workerNodeFlags({
        worker: 'node --max-old-space-size=160 --max-semi-space-size=8 ace.js jobs:work',
      }),
      ['--max-old-space-size=160', '--max-semi-space-size=8']
    )
    assert.deepEqual(workerNodeFlags({ worker: 'node ace jobs:work --concurrency 2' }), [])
    assert.throws(() => workerNodeFlags({ worker: 'node ace.js jobs:workers' }), /"worker" script/)
    assert.throws(() => workerNodeFlags({}), /"worker" script/)
  })
})
