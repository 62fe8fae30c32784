import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import CreateProgramme from '#actions/programmes/create_programme'
import UpdateProgramme from '#actions/programmes/update_programme'
import MarkProgrammeReady from '#actions/programmes/mark_programme_ready'
import CheckCurriculumHours from '#actions/programmes/check_curriculum_hours'
import { programmeFormValues } from '#actions/programmes/programme_attributes'
import { backToDraftMessage } from '#actions/programmes/curriculum'
import * as labels from '#actions/programmes/programme_labels'
import { programmeValidator } from '#validators/programme'

/**
 * The organisation's programmes and their settings (coordinators, admins).
 */
export default class ProgrammesController {
  async index({ auth, view }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const programmes = await organization
      .related('programmes')
      .query()
      .withAggregate('modules', (query) => query.sum('planned_hours').as('modules_hours'))
      .orderBy('title')
    return view.render('pages/coordinator/programmes/index', { programmes, labels })
  }

  async create({ view }: HttpContext) {
    return view.render('pages/coordinator/programmes/form', { programme: null, values: {}, labels })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(programmeValidator)
    const programme = await new CreateProgramme().handle({ organization, payload })
    session.flash('success', 'Le programme est créé. Ajoutez maintenant ses modules.')
    return response.redirect().toRoute('coordinator.programmes.show', { id: programme.id })
  }

  async show(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    await programme.load('modules')
    const balance = new CheckCurriculumHours().handle({
      totalHours: programme.totalHours,
      modules: programme.modules,
    })
    return ctx.view.render('pages/coordinator/programmes/show', { programme, balance, labels })
  }

  async edit(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    const values = programmeFormValues(programme)
    return ctx.view.render('pages/coordinator/programmes/form', { programme, values, labels })
  }

  async update(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    const payload = await ctx.request.validateUsing(programmeValidator)
    const { balance, backToDraft } = await new UpdateProgramme().handle({ programme, payload })
    ctx.session.flash('success', 'Le programme est enregistré.')
    if (backToDraft) ctx.session.flash('warning', backToDraftMessage(balance.summary))
    return ctx.response.redirect().toRoute('coordinator.programmes.show', { id: programme.id })
  }

  async markReady(ctx: HttpContext) {
    const programme = await this.programmeOf(ctx)
    const result = await new MarkProgrammeReady().handle({ programme })
    if (result.ready)
      ctx.session.flash('success', 'Le programme est prêt : vous pouvez ouvrir des promotions.')
    else ctx.session.flash('error', result.reason)
    return ctx.response.redirect().toRoute('coordinator.programmes.show', { id: programme.id })
  }

  /**
   * The programme of the URL, within the user's organisation (404 otherwise).
   */
  private async programmeOf({ auth, params }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    return organization.related('programmes').query().where('id', params.id).firstOrFail()
  }
}
