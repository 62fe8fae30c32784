import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Edge } from 'edge.js'
import { cacheIncludes } from '#services/edge_include_cache'

test.group('Edge: compiled @include partials kept (production)', (group) => {
  let root: string
  group.each.setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'edge-includes-'))
    await writeFile(join(root, 'line.edge'), '<li>{{ item }} ({{ title }})</li>')
    await writeFile(
      join(root, 'page.edge'),
      [
        '<h1>{{ title }}</h1><ul>',
        '@each(item in items)',
        "@include('line')",
        '@end',
        '</ul>',
        "@include('line')",
      ].join('\n')
    )
    return () => rm(root, { recursive: true, force: true })
  })

  function edgeWithCache() {
    const edge = new Edge({ cache: true })
    edge.mount(root)
    const calls: string[] = []
    for (const compiler of [edge.compiler, edge.asyncCompiler]) {
      const compile = compiler.compile.bind(compiler)
      compiler.compile = (path: string, locals?: string[]) => {
        if (locals) calls.push(`${path}:${locals.join(',')}`)
        return compile(path, locals)
      }
      cacheIncludes(compiler)
    }
    return { edge, calls }
  }

  test('renders the same page, each partial compiled once per set of locals', async ({
    assert,
  }) => {
    const { edge, calls } = edgeWithCache()
    const first = await edge.render('page', { title: 'Mon planning', items: ['a', 'b'], item: 'z' })
    const second = await edge.render('page', { title: 'Autre', items: ['c'], item: 'y' })

    const squeeze = (html: string) => html.replace(/\s+/g, '')
    assert.equal(
      squeeze(first),
      '<h1>Monplanning</h1><ul><li>a(Monplanning)</li><li>b(Monplanning)</li></ul><li>z(Monplanning)</li>'
    )
    assert.equal(squeeze(second), '<h1>Autre</h1><ul><li>c(Autre)</li></ul><li>y(Autre)</li>')
    // One compilation inside the loop (local "item"), one outside (none).
    assert.deepEqual(calls.sort(), ['line:', 'line:item'])
  })
})
