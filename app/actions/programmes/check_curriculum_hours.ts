/**
 * The curriculum rule: a programme's modules' planned hours add up to its
 * total hours. Hours are compared in hundredths (planned hours have up to
 * two decimals) so 0.1 + 0.2 never counts as a difference.
 */
export type CurriculumBalance = {
  /** The programme's total hours. */
  total: number
  /** The sum of the modules' planned hours. */
  planned: number
  /** planned − total: negative when hours are missing, positive when too many. */
  difference: number
  addsUp: boolean
  /** "Total des modules : 380 h sur 400 h — il manque 20 h" */
  summary: string
}

const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })

/**
 * "17,5 h", "400 h".
 */
export function formatHours(hours: number) {
  return `${hoursFormat.format(hours)} h`
}

export default class CheckCurriculumHours {
  handle({
    totalHours,
    modules,
  }: {
    totalHours: number
    modules: { plannedHours: number | string }[]
  }): CurriculumBalance {
    const plannedHundredths = modules.reduce(
      (sum, module) => sum + Math.round(Number(module.plannedHours) * 100),
      0
    )
    const totalHundredths = Math.round(totalHours * 100)
    const differenceHundredths = plannedHundredths - totalHundredths
    const planned = plannedHundredths / 100
    const difference = differenceHundredths / 100

    let verdict = 'le compte est bon'
    if (difference < 0) verdict = `il manque ${formatHours(-difference)}`
    if (difference > 0) verdict = `${formatHours(difference)} de trop`

    return {
      total: totalHours,
      planned,
      difference,
      addsUp: differenceHundredths === 0,
      summary: `Total des modules : ${formatHours(planned)} sur ${formatHours(totalHours)} — ${verdict}`,
    }
  }
}
