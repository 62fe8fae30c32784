import type { HttpContext } from '@adonisjs/core/http'

/**
 * The pages anyone can read. Each checks the session so the header shows
 * the right menu; a signed-in person going home lands on their dashboard.
 */
export default class PublicPagesController {
  async home({ auth, response, view }: HttpContext) {
    if (await auth.check()) {
      return response.redirect().toRoute('dashboard')
    }
    return view.render('pages/public/home')
  }

  async accessibility({ auth, view }: HttpContext) {
    await auth.check()
    return view.render('pages/public/accessibility')
  }

  async legal({ auth, view }: HttpContext) {
    await auth.check()
    return view.render('pages/public/legal')
  }

  async privacy({ auth, view }: HttpContext) {
    await auth.check()
    return view.render('pages/public/privacy')
  }
}
