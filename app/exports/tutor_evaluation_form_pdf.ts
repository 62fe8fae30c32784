import { createPdf, finishPdf, pdfSafe } from '#exports/pdf_document'
import {
  CONTRACT_TYPE_NAMES,
  EVALUATION_SKILLS,
  HIRE_ANSWERS,
  RATING_LEVELS,
} from '#enums/tutor_evaluation'

export type BlankFormInfo = {
  organizationName: string
  traineeName: string
  companyName: string
  tutorName: string | null
  period: string
}

const BOX = 10
const INK = '#000000'

/**
 * The tutor evaluation as a blank paper form, for tutors who prefer
 * paper: the same questions as the online form, with boxes to tick and
 * lines to write on. Returns the ended document, ready to stream.
 */
export function buildTutorEvaluationFormPdf(info: BlankFormInfo) {
  const doc = createPdf({
    title: 'Évaluation du stage par le tuteur',
    author: info.organizationName,
  })
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(10).text(pdfSafe(info.organizationName))
  doc.moveDown(0.5).fontSize(16).text('Évaluation du stage par le tuteur', { align: 'center' })
  doc.moveDown(0.5).font('Helvetica').fontSize(11)
  doc.text(pdfSafe(`Stagiaire : ${info.traineeName}`))
  doc.text(pdfSafe(`Entreprise : ${info.companyName}`))
  doc.text(
    pdfSafe(
      `Tuteur ou tutrice : ${info.tutorName ?? '............................................'}`
    )
  )
  doc.text(pdfSafe(`Stage ${info.period}`))
  doc.moveDown(0.5).fontSize(10).text('Cochez une case par ligne.')

  const columns = [...RATING_LEVELS.map((level) => level.label), 'Non observé']
  const labelWidth = width * 0.36
  const columnWidth = (width - labelWidth) / columns.length

  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(pdfSafe(text), left)
    doc.moveDown(0.3).font('Helvetica').fontSize(10)
  }
  const box = (x: number, y: number) => doc.rect(x, y, BOX, BOX).lineWidth(0.8).stroke(INK)

  const scaleRow = (label: string, withNotObserved: boolean) => {
    const y = doc.y
    doc.text(pdfSafe(label), left, y, { width: labelWidth - 6 })
    const bottom = doc.y
    columns.forEach((_column, index) => {
      if (!withNotObserved && index === columns.length - 1) return
      box(left + labelWidth + index * columnWidth + (columnWidth - BOX) / 2, y)
    })
    doc.y = Math.max(bottom, y + BOX) + 8
  }
  const scaleHeader = () => {
    const y = doc.y
    doc.font('Helvetica-Bold').fontSize(8)
    columns.forEach((column, index) => {
      doc.text(pdfSafe(column), left + labelWidth + index * columnWidth, y, {
        width: columnWidth,
        align: 'center',
      })
    })
    doc.font('Helvetica').fontSize(10)
    doc.x = left
    doc.moveDown(0.4)
  }

  heading('1. Assiduité')
  scaleHeader()
  scaleRow('Présence aux jours et aux horaires prévus', false)

  heading('2. Ce que vous avez observé')
  scaleHeader()
  for (const skill of EVALUATION_SKILLS) scaleRow(skill.label, true)

  heading('3. Vos commentaires')
  for (let line = 0; line < 5; line++) {
    const y = doc.y + 16
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .stroke(INK)
    doc.y = y
  }
  doc.moveDown(0.5)

  const choices = (options: { label: string }[], perLine: number) => {
    const cell = width / perLine
    options.forEach((option, index) => {
      if (index > 0 && index % perLine === 0) doc.y += BOX + 10
      const x = left + (index % perLine) * cell
      const y = doc.y
      box(x, y)
      doc.text(pdfSafe(option.label), x + BOX + 5, y + 1, { width: cell - BOX - 10 })
      doc.y = y
    })
    doc.y += BOX + 12
    doc.x = left
  }

  heading('4. Embauche')
  doc.text('Embaucheriez-vous ce ou cette stagiaire ?', left)
  doc.moveDown(0.4)
  choices([...HIRE_ANSWERS], 3)
  doc.text('Si oui, ou si c’est déjà fait : quel type de contrat ?', left)
  doc.moveDown(0.4)
  choices(
    Object.values(CONTRACT_TYPE_NAMES).map((label) => ({ label })),
    2
  )

  doc.moveDown(1).text(pdfSafe('Date : ....../....../..........        Signature :'), left)

  return finishPdf(
    doc,
    `Évaluation du stage de ${info.traineeName} – à rendre à ${info.organizationName}`
  )
}
