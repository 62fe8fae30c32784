import vine from '@vinejs/vine'

/**
 * La Poste's establishments share the SIREN 356 000 000: their SIRETs do
 * not follow the Luhn key but the "sum of digits is a multiple of 5" rule
 * (INSEE exception).
 */
const LA_POSTE_SIREN = '356000000'

export const INVALID_SIRET_MESSAGE =
  'Numéro SIRET invalide : il faut 14 chiffres et une clé de contrôle correcte (vérifiez chaque chiffre).'

/**
 * The digits of a SIRET as typed, spaces (and non-breaking spaces, dots,
 * dashes) removed; null when nothing was typed.
 */
export function normalizeSiret(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null
  const compact = String(raw).replace(/[\s\u00a0.\-]/g, '')
  return compact === '' ? null : compact
}

function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    // From the right, every second digit is doubled: with 14 digits those
    // are the even positions counted from the left.
    let digit = Number(digits[i])
    if ((digits.length - i) % 2 === 0) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/**
 * True for 14 digits whose control key is right (Luhn, or La Poste's rule).
 */
export function isValidSiret(value: string | null | undefined): boolean {
  const digits = normalizeSiret(value)
  if (!digits || !/^\d{14}$/.test(digits)) return false
  if (luhn(digits)) return true
  if (digits.startsWith(LA_POSTE_SIREN)) {
    const sum = [...digits].reduce((total, digit) => total + Number(digit), 0)
    return sum % 5 === 0
  }
  return false
}

/**
 * VineJS rule: keeps the SIRET's digits only (spaces are fine on input)
 * and reports "Numéro SIRET invalide" when the key is wrong.
 */
export const siretRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!isValidSiret(value)) {
    field.report(INVALID_SIRET_MESSAGE, 'siret', field)
    return
  }
  field.mutate(normalizeSiret(value), field)
})
