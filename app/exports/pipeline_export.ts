import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import type Cohort from '#models/cohort'
import Application from '#models/application'
import type { ApplicationStatus } from '#enums/application_status'
import { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'
import {
  APPLICATION_SOURCE_LABELS,
  APPLICATION_STATUS_LABELS,
  ELIGIBILITY_LABELS,
  eligibilityVerdict,
} from '#actions/applications/pipeline_labels'
import { ageOn } from '#actions/applications/check_eligibility'
import { PARIS, nowInParis } from '#services/sql_time'

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const DAY_FORMAT = 'dd/mm/yyyy'

/**
 * The columns, in order. No RQTH: it is health data, shown to
 * coordinators on an application's page but never copied into a file
 * that travels. The titles are those the import recognises, so an export
 * can be imported into another cohort.
 */
export const PIPELINE_EXPORT_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Nom', key: 'lastName', width: 22 },
  { header: 'Prénom', key: 'firstName', width: 18 },
  { header: 'E-mail', key: 'email', width: 32 },
  { header: 'Téléphone', key: 'phone', width: 15 },
  { header: 'Date de naissance', key: 'birthDate', width: 13, style: { numFmt: DAY_FORMAT } },
  { header: 'Âge', key: 'age', width: 6 },
  { header: 'Sexe', key: 'sex', width: 8 },
  { header: 'Code postal', key: 'postalCode', width: 11 },
  { header: 'Ville', key: 'city', width: 20 },
  { header: 'Niveau de diplôme', key: 'level', width: 22 },
  { header: 'Demandeur ou demandeuse d’emploi', key: 'jobSeeker', width: 14 },
  { header: 'Identifiant France Travail', key: 'franceTravailId', width: 15 },
  { header: 'Origine', key: 'source', width: 18 },
  { header: 'Prescripteur', key: 'prescriber', width: 22 },
  { header: 'Statut', key: 'status', width: 22 },
  { header: 'Éligibilité', key: 'eligibility', width: 14 },
  { header: 'Motifs d’éligibilité', key: 'reasons', width: 50 },
  { header: 'Reçue le', key: 'receivedOn', width: 12, style: { numFmt: DAY_FORMAT } },
  { header: 'Dernier contact', key: 'lastContact', width: 12, style: { numFmt: DAY_FORMAT } },
]

const SEX_LABELS: Record<string, string> = { female: 'Femme', male: 'Homme', other: 'Autre' }

/** Applications read per query. */
const CHUNK = 500

/**
 * A calendar day as Excel means it: a Date at midnight UTC, the day read
 * in Paris for a moment.
 */
function excelDay(value: DateTime | null, { moment = false } = {}) {
  if (!value) return null
  const day = moment ? value.setZone(PARIS) : value
  return new Date(Date.UTC(day.year, day.month - 1, day.day))
}

/**
 * One row of the export for an application (its trainee loaded).
 */
export function pipelineExportRow(application: Application, today: DateTime) {
  const trainee = application.trainee
  const verdict = eligibilityVerdict(application)
  return {
    lastName: trainee.lastName,
    firstName: trainee.firstName,
    email: trainee.email,
    phone: trainee.phone,
    birthDate: excelDay(trainee.birthDate),
    age: trainee.birthDate ? ageOn(trainee.birthDate, today) : null,
    sex: trainee.sex ? SEX_LABELS[trainee.sex] : null,
    postalCode: trainee.postalCode,
    city: trainee.city,
    level:
      trainee.qualificationLevel === null
        ? null
        : (QUALIFICATION_LEVEL_LABELS[trainee.qualificationLevel] ?? null),
    jobSeeker: trainee.jobSeeker ? 'Oui' : 'Non',
    franceTravailId: trainee.franceTravailId,
    source: APPLICATION_SOURCE_LABELS[application.source] ?? application.source,
    prescriber: trainee.prescriber,
    status: APPLICATION_STATUS_LABELS[application.status] ?? application.status,
    eligibility: verdict ? ELIGIBILITY_LABELS[verdict] : 'Non vérifiée',
    reasons: (application.eligibility?.reasons ?? []).join(' ; ') || null,
    receivedOn: excelDay(application.createdAt, { moment: true }),
    lastContact: excelDay(application.lastContactAt, { moment: true }),
  }
}

/**
 * A cohort's pipeline as an XLSX file written to `stream` with ExcelJS's
 * streaming writer (no shared strings: memory stays flat): one row per
 * application, optionally at one status only, in the order they were
 * received; frozen title row, filters, readable widths, real date cells.
 * Applications are read 500 at a time with their trainees (two queries a
 * batch), never one by one.
 */
export default class BuildPipelineExport {
  async handle({
    cohort,
    status,
    stream,
  }: {
    cohort: Cohort
    status: ApplicationStatus | null
    stream: Writable
  }) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useSharedStrings: false,
      useStyles: true,
    })
    workbook.creator = 'Cohorte'
    const sheet = workbook.addWorksheet('Candidatures', {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    sheet.columns = PIPELINE_EXPORT_COLUMNS
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: PIPELINE_EXPORT_COLUMNS.length },
    }
    const header = sheet.getRow(1)
    header.font = { bold: true }
    header.alignment = { vertical: 'middle', wrapText: true }
    header.commit()

    const today = nowInParis().startOf('day')
    let lastId = 0
    while (true) {
      const query = cohort
        .related('applications')
        .query()
        .where('id', '>', lastId)
        .preload('trainee')
        .orderBy('id')
        .limit(CHUNK)
      if (status) query.where('status', status)
      const applications = await query
      for (const application of applications) {
        sheet.addRow(pipelineExportRow(application, today)).commit()
      }
      if (applications.length < CHUNK) break
      lastId = applications[applications.length - 1].id
    }
    sheet.commit()
    await workbook.commit()
  }
}

/**
 * "candidatures-promotion-alpha-2025-03-14.xlsx", with the status when
 * the list is filtered ("…-recue-2025-03-14.xlsx").
 */
export function pipelineExportFilename(cohort: Cohort, status: ApplicationStatus | null) {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
  const parts = ['candidatures', slug(cohort.name) || `promotion-${cohort.id}`]
  if (status) parts.push(slug(APPLICATION_STATUS_LABELS[status]))
  parts.push(nowInParis().toISODate()!)
  return `${parts.join('-')}.xlsx`
}
