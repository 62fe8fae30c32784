import type { HttpContext } from '@adonisjs/core/http'
import { findCohort } from '#actions/cohorts/find_cohort'
import LoadAttendanceSheets from '#actions/attendance_documents/load_attendance_sheets'
import BuildMonthlyStatement, {
  askedMonth,
} from '#actions/attendance_documents/build_monthly_statement'
import {
  askedSheetWeek,
  findCohortEnrollment,
  findSheetSession,
} from '#actions/attendance_documents/find_documents_subjects'
import { buildSessionSheetPdf, buildWeekSheetsPdf } from '#exports/attendance_sheet_pdf'
import { buildMonthlyStatementPdf } from '#exports/monthly_statement_pdf'
import { buildMonthlyStatementXlsx, summaryLine } from '#exports/monthly_statement_xlsx'
import { fileSlug, streamPdf } from '#exports/pdf_document'
import { nowInParis } from '#services/sql_time'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Attendance documents: the sheets ("feuilles d'émargement") of a session
 * (its trainer too) or of a cohort's week, and a trainee's monthly
 * statement ("état de présence") as a page, a spreadsheet or a PDF.
 */
export default class AttendanceDocumentsController {
  async sessionSheet({ auth, params, response }: HttpContext) {
    const session = await findSheetSession(auth.getUserOrFail(), params.id)
    const [sheet] = await new LoadAttendanceSheets().forSession(session)
    const { doc, filename } = buildSessionSheetPdf(sheet, nowInParis().toFormat('dd/MM/yyyy'))
    return streamPdf(response, doc, filename)
  }

  /**
   * `?semaine=2026-W48` (or any day of the week); this week by default.
   */
  async weekSheets({ auth, params, request, response }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const week = askedSheetWeek(request.input('semaine'))
    const sheets = await new LoadAttendanceSheets().forWeek(cohort, week)
    const { doc, filename } = buildWeekSheetsPdf({
      sheets,
      cohortName: cohort.name,
      weekLabel: week.setLocale('fr').toFormat('d LLLL yyyy'),
      weekValue: week.toISODate()!,
      editedOn: nowInParis().toFormat('dd/MM/yyyy'),
    })
    return streamPdf(response, doc, filename)
  }

  /**
   * The statement as a page (`?mois=2026-11`, this month by default), with
   * its downloads.
   */
  async statement(ctx: HttpContext) {
    const { cohort, enrollment, statement, month } = await this.monthlyStatement(ctx)
    return ctx.view.render('pages/coordinator/absences/statement', {
      cohort,
      enrollmentId: enrollment.id,
      statement,
      summary: summaryLine(statement),
      month,
    })
  }

  async statementXlsx(ctx: HttpContext) {
    const { statement, filename } = await this.monthlyStatement(ctx)
    const body = await buildMonthlyStatementXlsx(statement)
    ctx.response.header('content-type', XLSX)
    ctx.response.header('content-disposition', `attachment; filename="${filename}.xlsx"`)
    ctx.response.header('cache-control', 'private, no-store')
    return ctx.response.send(body)
  }

  async statementPdf(ctx: HttpContext) {
    const { statement, filename } = await this.monthlyStatement(ctx)
    return streamPdf(ctx.response, buildMonthlyStatementPdf(statement), `${filename}.pdf`)
  }

  private async monthlyStatement({ auth, params, request }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const enrollment = await findCohortEnrollment(cohort, params.enrollmentId)
    const month = askedMonth(request.input('mois'))
    const statement = await new BuildMonthlyStatement().handle({ cohort, enrollment, month })
    const filename = `etat-presence-${fileSlug(statement.trainee.name)}-${month.toFormat('yyyy-MM')}`
    return { cohort, enrollment, statement, month: month.toFormat('yyyy-MM'), filename }
  }
}
