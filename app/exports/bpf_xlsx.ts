import ExcelJS from 'exceljs'
import type { BpfFrame, BpfSectionF } from '#actions/reports/bpf_section_f'
import type { GenQuestion } from '#actions/reports/gen_yearly_figures'

const HOURS_FORMAT = '0.00'

/**
 * BPF section F as a spreadsheet: one sheet, the three frames one under
 * the other (line code, label, trainees, hours as numbers), each with its
 * total, then the check line saying whether the three totals match.
 */
export async function buildBpfXlsx(report: BpfSectionF, organizationName: string) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = organizationName
  const sheet = workbook.addWorksheet(`BPF ${report.year} – cadre F`)
  sheet.columns = [{ width: 10 }, { width: 70 }, { width: 14 }, { width: 16 }]

  sheet.addRow([`Bilan pédagogique et financier ${report.year} – cadre F`]).font = { bold: true }
  sheet.addRow(['Organisme', organizationName])
  sheet.addRow([
    'Période',
    `Du 1er janvier au 31 décembre ${report.year} (heures suivies, selon les émargements)`,
  ])

  const addFrame = (title: string, frame: BpfFrame) => {
    sheet.addRow([])
    sheet.addRow([title]).font = { bold: true }
    sheet.addRow(['Ligne', 'Libellé', 'Nombre de stagiaires', 'Heures-stagiaires']).font = {
      bold: true,
    }
    for (const line of frame.lines) {
      const row = sheet.addRow([line.code, line.label, line.trainees, line.hours])
      row.getCell(4).numFmt = HOURS_FORMAT
    }
    const total = sheet.addRow(['Total', title, frame.trainees, frame.hours])
    total.font = { bold: true }
    total.getCell(4).numFmt = HOURS_FORMAT
  }
  addFrame('F-1 – Type de stagiaires', report.f1)
  addFrame('F-3 – Objectif général des prestations', report.f3)
  addFrame('F-4 – Spécialités de formation (NSF)', report.f4)

  sheet.addRow([])
  const check = sheet.addRow(['Contrôle', report.sentence, report.totalsMatch ? 'OUI' : 'NON'])
  check.font = { bold: true }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * GEN yearly figures as a spreadsheet laid out as the survey: one row per
 * question with its figure and its definition.
 */
export async function buildGenXlsx(
  figures: { programme: { title: string }; year: number; questions: GenQuestion[] },
  organizationName: string
) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = organizationName
  const sheet = workbook.addWorksheet(`GEN ${figures.year}`)
  sheet.columns = [{ width: 45 }, { width: 50 }, { width: 70 }]
  sheet.addRow([`Chiffres annuels Grande École du Numérique ${figures.year}`]).font = {
    bold: true,
  }
  sheet.addRow(['Organisme', organizationName])
  sheet.addRow(['Programme', figures.programme.title])
  sheet.addRow([])
  sheet.addRow(['Question', 'Réponse', 'Définition']).font = { bold: true }
  for (const item of figures.questions) sheet.addRow([item.question, item.figure, item.definition])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
