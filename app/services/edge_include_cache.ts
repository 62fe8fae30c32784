/**
 * Edge 6 never caches an `@include`d template: its compiler skips the cache
 * whenever a partial is compiled with a list of local variable names, and
 * `@include` always passes one (empty or not). Every include was therefore
 * read, tokenised and parsed again on every render, a third of the CPU of
 * a page such as "Mon planning".
 *
 * With the template cache on (production, where templates never change),
 * this keeps each compiled partial, keyed by its path and the local
 * variable names it was compiled with (the only inputs of the compiled
 * function besides the file itself).
 */
type EdgeCompiler = {
  compile(templatePath: string, localVariables?: string[]): unknown
}

export function cacheIncludes(compiler: EdgeCompiler) {
  const compile = compiler.compile.bind(compiler)
  const compiled = new Map<string, unknown>()
  compiler.compile = (templatePath, localVariables) => {
    if (!localVariables) return compile(templatePath)
    const key = `${templatePath}\0${localVariables.join(',')}`
    if (!compiled.has(key)) compiled.set(key, compile(templatePath, localVariables))
    return compiled.get(key)
  }
}

type EdgeLoader = { listComponents(): unknown[] }

/**
 * Edge's "supercharged" components plugin is set to run again before every
 * render when the Edge instance is created without the template cache,
 * and turning the cache on afterwards (as AdonisJS does in production)
 * does not change that: each render listed every components folder on
 * disk again. With the cache on, the folders are listed once.
 */
export function cacheComponentList(loader: EdgeLoader) {
  const list = loader.listComponents.bind(loader)
  let components: unknown[] | undefined
  loader.listComponents = () => (components ??= list())
}
