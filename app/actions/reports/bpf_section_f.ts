import { rawRows } from '#services/sql_text'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import { attendedMinutesSql } from '#services/attendance_rules'
import { PARIS, sqlDateTime } from '#services/sql_time'
import type { BpfObjective } from '#enums/bpf_objective'

/** One line of a frame: what it counts, trainees and hours followed. */
export type BpfLine = {
  key: string
  code: string
  label: string
  trainees: number
  hours: number
  minutes: number
}

export type BpfFrame = { lines: BpfLine[]; trainees: number; hours: number }

export type BpfSectionF = {
  year: number
  f1: BpfFrame
  f3: BpfFrame
  f4: BpfFrame
  totalsMatch: boolean
  sentence: string
}

/** F-1 lines, in the Cerfa's order. */
export const F1_LINES = [
  { key: 'employees', code: 'F-1 a', label: 'Salariés d’employeurs privés hors apprentis' },
  { key: 'apprentices', code: 'F-1 b', label: 'Apprentis' },
  {
    key: 'job_seekers',
    code: 'F-1 c',
    label: 'Personnes en recherche d’emploi formées par votre organisme',
  },
  {
    key: 'self_funded',
    code: 'F-1 d',
    label: 'Particuliers à leurs propres frais formés par votre organisme',
  },
  { key: 'others', code: 'F-1 e', label: 'Autres stagiaires' },
] as const

/** F-3 lines, in the Cerfa's order (the enum's values, plus "not filled in"). */
export const F3_LINES: { key: BpfObjective | 'unset'; code: string; label: string }[] = [
  { key: 'rncp_level_6_8', code: 'F-3 a', label: 'Diplôme ou titre RNCP – niveau 6 à 8' },
  { key: 'rncp_level_5', code: 'F-3 a', label: 'Diplôme ou titre RNCP – niveau 5' },
  { key: 'rncp_level_4', code: 'F-3 a', label: 'Diplôme ou titre RNCP – niveau 4' },
  { key: 'rncp_level_3', code: 'F-3 a', label: 'Diplôme ou titre RNCP – niveau 3' },
  { key: 'rncp_level_2', code: 'F-3 a', label: 'Diplôme ou titre RNCP – niveau 2' },
  {
    key: 'rncp_cqp_without_level',
    code: 'F-3 a',
    label: 'Certificat de qualification professionnelle (CQP) sans niveau de qualification',
  },
  { key: 'certification_rs', code: 'F-3 c', label: 'Certification ou habilitation (RS)' },
  {
    key: 'cqp_unregistered',
    code: 'F-3 b',
    label: 'CQP non enregistré au RNCP ni au répertoire spécifique',
  },
  { key: 'other_professional', code: 'F-3 d', label: 'Autres formations professionnelles' },
  { key: 'skills_assessment', code: 'F-3 e', label: 'Bilans de compétences' },
  { key: 'vae', code: 'F-3 f', label: 'Actions d’accompagnement à la VAE' },
  { key: 'unset', code: '—', label: 'Objectif non renseigné sur le programme' },
]

/** Group labels of the NSF nomenclature most used by training organisations. */
const NSF_GROUPS: Record<string, string> = {
  '100': 'Formations générales',
  '200': 'Technologies industrielles fondamentales',
  '230': 'Spécialités pluritechnologiques génie civil, construction, bois',
  '250': 'Spécialités pluritechnologiques mécanique-électricité',
  '255': 'Électricité, électronique',
  '310': 'Spécialités plurivalentes des échanges et de la gestion',
  '311': 'Transport, manutention, magasinage',
  '312': 'Commerce, vente',
  '313': 'Finances, banque, assurances',
  '314': 'Comptabilité, gestion',
  '315': 'Ressources humaines, gestion du personnel, gestion de l’emploi',
  '320': 'Spécialités plurivalentes de la communication',
  '322': 'Techniques de l’imprimerie et de l’édition',
  '323': 'Techniques de l’image et du son, métiers connexes du spectacle',
  '324': 'Secrétariat, bureautique',
  '326': 'Informatique, traitement de l’information, réseaux de transmission des données',
  '330': 'Spécialités plurivalentes sanitaires et sociales',
  '331': 'Santé',
  '332': 'Travail social',
  '333': 'Enseignement, formation',
  '334': 'Accueil, hôtellerie, tourisme',
  '335': 'Animation culturelle, sportive et de loisirs',
  '410': 'Spécialités concernant plusieurs capacités',
  '413': 'Développement des capacités comportementales et relationnelles',
  '414': 'Développement des capacités individuelles d’organisation',
  '415':
    'Développement des capacités d’orientation, d’insertion ou de réinsertion sociales et professionnelles',
}

/** The label of an NSF code (its group's label, from its three digits). */
export function nsfLabel(code: string) {
  return NSF_GROUPS[code.slice(0, 3)] ?? 'Spécialité NSF ' + code
}

/**
 * The asked year as a civil year: only "2026"-like values; anything else,
 * a range or a period across years, is refused with a French message.
 */
export function askedBpfYear(value: unknown, fallback?: number): number {
  if ((value === undefined || value === null || value === '') && fallback) return fallback
  const text = String(value ?? '').trim()
  if (!/^\d{4}$/.test(text)) {
    throw new Exception(
      'Le bilan pédagogique et financier porte sur une année civile : indiquez une seule année (par exemple 2026), pas une période qui chevauche deux années.',
      { status: 422, code: 'E_BPF_YEAR' }
    )
  }
  const year = Number(text)
  if (year < 2000 || year > 2100) {
    throw new Exception('Année hors limites : choisissez une année entre 2000 et 2100.', {
      status: 422,
      code: 'E_BPF_YEAR',
    })
  }
  return year
}

/**
 * BPF section F (Cerfa 10443) for one organisation and one civil year:
 * trainees and hours *followed* (attended, by the attendance rule) at the
 * sessions held between 1 January and 31 December, Paris time.
 *
 * Counting unit: an enrolment (a trainee in one cohort, i.e. one action)
 * with at least one attended minute in the year. A person in two cohorts
 * counts once per cohort, in every frame, so each frame adds up the same
 * enrolments and the three totals match by construction — unless a
 * programme has no BPF objective or NSF code: those enrolments fall on an
 * "unset" line, left out of the frame's total, and the sentence says so.
 *
 * F-1 mapping, first match wins: job seeker flag → c; payer "self",
 * "particulier", "personnel" or "autofinancement" → d; payer naming an
 * apprenticeship ("apprenti…") → b; payer naming an employer or an OPCO
 * ("employeur", "employer", "entreprise", "OPCO…") → a; else → e.
 */
export default class ComputeBpfSectionF {
  async handle({ organizationId, year }: { organizationId: number; year: number }) {
    askedBpfYear(String(year))
    const from = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: PARIS })
    const to = from.plus({ years: 1 })

    const payer = `lower(coalesce(t.payer, ''))`
    const f1Expr = `case
      when t.job_seeker = ? then 'job_seekers'
      when ${payer} in ('self', 'particulier', 'personnel', 'autofinancement') then 'self_funded'
      when ${payer} like 'apprenti%' then 'apprentices'
      when ${payer} like 'opco%' or ${payer} like 'employeur%' or ${payer} like 'employer%' or ${payer} like 'entreprise%' then 'employees'
      else 'others' end`
    const f3Expr = `coalesce(p.bpf_objective, 'unset')`
    const f4Expr = `coalesce(p.nsf_code, 'unset')`

    const run = async (lineExpr: string, lineBindings: unknown[]) => {
      // One grouped statement per frame: minutes per enrolment in the
      // year, then trainees and minutes per line.
      const result = await db.rawQuery(
        `select line, count(*) as trainees, sum(minutes) as minutes from (
           select e.id as enrollment_id, ${lineExpr} as line,
                  sum(${attendedMinutesSql('cs', 'ar')}) as minutes
           from enrollments e
           join trainees t on t.id = e.trainee_id
           join cohorts c on c.id = e.cohort_id
           join programmes p on p.id = c.programme_id
           join class_sessions cs on cs.cohort_id = e.cohort_id
           left join attendance_records ar on ar.class_session_id = cs.id and ar.enrollment_id = e.id
           where e.organization_id = ? and c.organization_id = ?
             and cs.is_cancelled = ? and cs.starts_at >= ? and cs.starts_at < ?
           group by e.id, line
         ) per_enrollment
         where minutes > 0
         group by line`,
        [...lineBindings, organizationId, organizationId, false, sqlDateTime(from), sqlDateTime(to)]
      )
      const rows = rawRows<{ line: string; trainees: number | string; minutes: number | string }>(
        result
      )
      return new Map(
        rows.map((row) => [
          row.line,
          { trainees: Number(row.trainees), minutes: Number(row.minutes) },
        ])
      )
    }

    const [f1Rows, f3Rows, f4Rows] = [
      await run(f1Expr, [true]),
      await run(f3Expr, []),
      await run(f4Expr, []),
    ]
    const line = (
      rows: Map<string, { trainees: number; minutes: number }>,
      key: string,
      code: string,
      label: string
    ): BpfLine => ({
      key,
      code,
      label,
      trainees: rows.get(key)?.trainees ?? 0,
      hours: round((rows.get(key)?.minutes ?? 0) / 60),
      minutes: rows.get(key)?.minutes ?? 0,
    })

    const f1 = frame(F1_LINES.map((l) => line(f1Rows, l.key, l.code, l.label)))
    const f3 = frame(
      F3_LINES.filter((l) => l.key !== 'unset' || f3Rows.has('unset')).map((l) =>
        line(f3Rows, l.key, l.code, l.label)
      )
    )
    const nsfKeys = [...f4Rows.keys()].sort((a, b) =>
      a === 'unset' ? 1 : b === 'unset' ? -1 : a.localeCompare(b)
    )
    const f4 = frame(
      nsfKeys.map((key) =>
        key === 'unset'
          ? line(f4Rows, key, '—', 'Code NSF non renseigné sur le programme')
          : line(f4Rows, key, key, nsfLabel(key))
      )
    )

    const totalsMatch =
      f1.trainees === f3.trainees &&
      f1.trainees === f4.trainees &&
      f1.hours === f3.hours &&
      f1.hours === f4.hours
    return {
      year,
      f1,
      f3,
      f4,
      totalsMatch,
      sentence: sentence(f1, f3, f4, totalsMatch),
    } satisfies BpfSectionF
  }
}

function round(hours: number) {
  return Math.round(hours * 100) / 100
}

/** A frame's totals leave out the "unset" line (not a Cerfa line). */
function frame(lines: BpfLine[]): BpfFrame {
  const counted = lines.filter((l) => l.key !== 'unset')
  return {
    lines,
    trainees: counted.reduce((sum, l) => sum + l.trainees, 0),
    // From minutes, so that rounding cannot make equal frames differ.
    hours: round(counted.reduce((sum, l) => sum + l.minutes, 0) / 60),
  }
}

function hoursText(hours: number) {
  const text = hours.toLocaleString('fr-FR', { maximumFractionDigits: 2 })
  return `${text} ${hours >= 2 ? 'heures' : 'heure'}`
}

function traineesText(count: number) {
  return `${count} ${count >= 2 ? 'stagiaires' : 'stagiaire'}`
}

function sentence(f1: BpfFrame, f3: BpfFrame, f4: BpfFrame, match: boolean) {
  if (match) {
    return `Les totaux des trois cadres concordent : ${traineesText(f1.trainees)}, ${hoursText(f1.hours)}.`
  }
  const parts = [
    `F-1 : ${traineesText(f1.trainees)}, ${hoursText(f1.hours)}`,
    `F-3 : ${traineesText(f3.trainees)}, ${hoursText(f3.hours)}`,
    `F-4 : ${traineesText(f4.trainees)}, ${hoursText(f4.hours)}`,
  ]
  const why: string[] = []
  if (f3.lines.some((l) => l.key === 'unset')) why.push('un programme n’a pas d’objectif BPF')
  if (f4.lines.some((l) => l.key === 'unset')) why.push('un programme n’a pas de code NSF')
  return `Les totaux des trois cadres ne concordent pas (${parts.join(' ; ')})${why.length ? ' : ' + why.join(' et ') + ', complétez sa fiche.' : '.'}`
}
