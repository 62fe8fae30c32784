import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import AddProgrammeModule from '#actions/programmes/add_programme_module'
import UpdateProgrammeModule from '#actions/programmes/update_programme_module'
import DeleteProgrammeModule from '#actions/programmes/delete_programme_module'
import MoveProgrammeModule from '#actions/programmes/move_programme_module'
import * as labels from '#actions/programmes/programme_labels'
import { programmeModuleValidator } from '#validators/programme'
import { backToDraftMessage } from '#actions/programmes/curriculum'

/**
 * A programme's curriculum: its modules, in order.
 */
export default class ProgrammeModulesController {
  async create(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    return ctx.view.render('pages/coordinator/programmes/module_form', {
      programme,
      module: null,
      labels,
    })
  }

  async store(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    const payload = await ctx.request.validateUsing(programmeModuleValidator)
    const result = await new AddProgrammeModule().handle({ programme, payload })
    this.flashSaved(ctx, `Le module « ${result.module.title} » est ajouté.`, result)
    return this.backTo(ctx, programme.id)
  }

  async edit(ctx: HttpContext) {
    const { programme, module } = await this.moduleOf(ctx)
    return ctx.view.render('pages/coordinator/programmes/module_form', {
      programme,
      module,
      labels,
    })
  }

  async update(ctx: HttpContext) {
    const { programme, module } = await this.moduleOf(ctx)
    const payload = await ctx.request.validateUsing(programmeModuleValidator)
    const result = await new UpdateProgrammeModule().handle({ programme, module, payload })
    this.flashSaved(ctx, `Le module « ${module.title} » est enregistré.`, result)
    return this.backTo(ctx, programme.id)
  }

  async destroy(ctx: HttpContext) {
    const { programme, module } = await this.moduleOf(ctx)
    const result = await new DeleteProgrammeModule().handle({ programme, module })
    if (result.deleted) this.flashSaved(ctx, `Le module « ${module.title} » est supprimé.`, result)
    else ctx.session.flash('error', result.reason)
    return this.backTo(ctx, programme.id)
  }

  async moveUp(ctx: HttpContext) {
    return this.move(ctx, 'up')
  }

  async moveDown(ctx: HttpContext) {
    return this.move(ctx, 'down')
  }

  private async move(ctx: HttpContext, direction: 'up' | 'down') {
    const { programme, module } = await this.moduleOf(ctx)
    const { moved } = await new MoveProgrammeModule().handle({ programme, module, direction })
    const where = direction === 'up' ? 'monté' : 'descendu'
    ctx.session.flash(
      'success',
      moved
        ? `Le module « ${module.title} » est ${where} d’un rang.`
        : `Le module « ${module.title} » est déjà au bout de la liste.`
    )
    return this.backTo(ctx, programme.id)
  }

  private flashSaved(
    { session }: HttpContext,
    message: string,
    result: { backToDraft: boolean; balance: { summary: string } }
  ) {
    session.flash('success', message)
    if (result.backToDraft) session.flash('warning', backToDraftMessage(result.balance.summary))
  }

  private backTo({ response }: HttpContext, id: number) {
    return response.redirect().toRoute('coordinator.programmes.show', { id })
  }

  /**
   * The programme of the URL, within the user's organisation (404 otherwise).
   */
  private async programmeOf({ auth, params }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    return organization.related('programmes').query().where('id', params.id).firstOrFail()
  }

  /**
   * The module of the URL, within the programme of the URL (404 otherwise).
   */
  private async moduleOf(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    const module = await programme
      .related('modules')
      .query()
      .where('id', ctx.params.moduleId)
      .firstOrFail()
    return { programme, module }
  }
}
