import type { HttpContext } from '@adonisjs/core/http'
import ComputeBpfSectionF, { askedBpfYear } from '#actions/reports/bpf_section_f'
import ComputeGenYearlyFigures from '#actions/reports/gen_yearly_figures'
import { buildBpfXlsx, buildGenXlsx } from '#exports/bpf_xlsx'
import Organization from '#models/organization'
import Programme from '#models/programme'
import { nowInParis } from '#services/sql_time'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * BPF section F of the user's organisation for a civil year
 * (`?annee=2026`, the current year by default): as a page and as a
 * spreadsheet. A value that is not one year gets the page back with a
 * message (422), never a guessed period. Also the GEN yearly figures of
 * a labelled programme (`/rapports/gen/:id?annee=2026`).
 */
export default class BpfReportsController {
  async show({ auth, request, response, view }: HttpContext) {
    const current = nowInParis().year
    const years = Array.from({ length: 6 }, (_, i) => current - 4 + i).map((y) => ({
      value: String(y),
      label: String(y),
    }))
    let year: number
    try {
      year = askedBpfYear(request.input('annee'), current)
    } catch (error) {
      response.status(422)
      return view.render('pages/coordinator/reports/bpf', {
        years,
        year: null,
        report: null,
        genProgrammes: [],
        yearError: (error as Error).message,
      })
    }
    const report = await new ComputeBpfSectionF().handle({
      // The role middleware lets only organisation staff in.
      organizationId: auth.getUserOrFail().organizationId!,
      year,
    })
    const genProgrammes = await Programme.query()
      .where('organization_id', auth.getUserOrFail().organizationId!)
      .whereNotNull('gen_label_id')
      .orderBy('title')
    return view.render('pages/coordinator/reports/bpf', {
      years,
      year,
      report,
      genProgrammes,
      yearError: null,
    })
  }

  async xlsx({ auth, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    let year: number
    try {
      year = askedBpfYear(request.input('annee'), nowInParis().year)
    } catch (error) {
      return response.status(422).send((error as Error).message)
    }
    const organization = await Organization.findOrFail(user.organizationId!)
    const report = await new ComputeBpfSectionF().handle({
      organizationId: user.organizationId!,
      year,
    })
    const body = await buildBpfXlsx(report, organization.name)
    response.header('content-type', XLSX)
    response.header('content-disposition', `attachment; filename="bpf-cadre-f-${year}.xlsx"`)
    response.header('cache-control', 'private, no-store')
    return response.send(body)
  }

  async gen({ auth, params, request, response, view }: HttpContext) {
    let year: number
    try {
      year = askedBpfYear(request.input('annee'), nowInParis().year)
    } catch (error) {
      return response.status(422).send((error as Error).message)
    }
    try {
      const figures = await new ComputeGenYearlyFigures().handle({
        organizationId: auth.getUserOrFail().organizationId!,
        programmeId: Number(params.id),
        year,
      })
      return view.render('pages/coordinator/reports/gen', { ...figures, notice: null })
    } catch (error) {
      // A programme without the label: said on the page, not an error.
      if ((error as { code?: string }).code !== 'E_NOT_GEN') throw error
      return view.render('pages/coordinator/reports/gen', {
        programme: null,
        year,
        questions: [],
        notice: (error as Error).message,
      })
    }
  }

  async genXlsx({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    let year: number
    try {
      year = askedBpfYear(request.input('annee'), nowInParis().year)
    } catch (error) {
      return response.status(422).send((error as Error).message)
    }
    let figures: Awaited<ReturnType<ComputeGenYearlyFigures['handle']>>
    try {
      figures = await new ComputeGenYearlyFigures().handle({
        organizationId: user.organizationId!,
        programmeId: Number(params.id),
        year,
      })
    } catch (error) {
      if ((error as { code?: string }).code !== 'E_NOT_GEN') throw error
      session.flash('error', (error as Error).message)
      return response.redirect().toRoute('coordinator.reports.gen', { id: params.id })
    }
    const organization = await Organization.findOrFail(user.organizationId!)
    response.header('content-type', XLSX)
    response.header(
      'content-disposition',
      `attachment; filename="gen-${figures.programme.id}-${year}.xlsx"`
    )
    response.header('cache-control', 'private, no-store')
    return response.send(await buildGenXlsx(figures, organization.name))
  }
}
