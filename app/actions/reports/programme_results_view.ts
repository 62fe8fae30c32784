import { DateTime } from 'luxon'
import type ProgrammeResult from '#models/programme_result'
import { PARIS } from '#services/sql_time'

const longDate = (iso: string | null) =>
  iso ? DateTime.fromISO(iso, { zone: PARIS }).setLocale('fr').toFormat('d LLLL yyyy') : '—'

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`

const rate = (percent: number | null) => (percent === null ? '—' : `${percent}\u00a0%`)

/**
 * The published snapshot in words, for the public page: every rate comes
 * with the counts it is made of.
 */
export function resultsView(result: ProgrammeResult) {
  const f = result.figures
  const computedOn = result.computedAt.setZone(PARIS).setLocale('fr').toFormat('d LLLL yyyy')
  const employmentUnknown =
    f.employment.unknown === 0
      ? 'aucune situation inconnue'
      : plural(f.employment.unknown, 'situation inconnue', 'situations inconnues')
  return {
    empty: f.cohortCount === 0,
    computedOn,
    summary:
      `Résultats au ${computedOn}, sur ${plural(f.cohortCount, 'promotion terminée', 'promotions terminées')} ` +
      `entre le ${longDate(f.periodFrom)} et le ${longDate(f.periodTo)}, ` +
      `${plural(f.entrants, 'stagiaire', 'stagiaires')}.`,
    entrants: plural(f.entrants, 'stagiaire entré en formation', 'stagiaires entrés en formation'),
    completion: {
      rate: rate(f.completionPercent),
      volume: `${f.completed} sur ${f.entrants} ${f.entrants > 1 ? 'stagiaires' : 'stagiaire'}`,
    },
    dropout: {
      rate: rate(f.dropoutPercent),
      volume: `${f.dropouts} sur ${f.entrants} ${f.entrants > 1 ? 'stagiaires' : 'stagiaire'}`,
      causes: f.dropoutCauses.map((cause) => ({
        label: cause.label,
        count: plural(cause.count, 'personne', 'personnes'),
      })),
    },
    employment: {
      rate: rate(f.employment.percent),
      volume: `${f.employment.numerator} sur ${f.employment.total} ${f.employment.total > 1 ? 'personnes sorties' : 'personne sortie'}, ${employmentUnknown}`,
      rule: f.employment.rule,
    },
  }
}
