import type { InternshipKind } from '#enums/internship_kind'
import type { InternshipStatus } from '#enums/internship_status'

export const KIND_LABELS: Record<InternshipKind, string> = {
  stage: 'Stage en entreprise',
  pmsmp: 'PMSMP (immersion professionnelle)',
}

export const STATUS_LABELS: Record<InternshipStatus, string> = {
  draft: 'Brouillon',
  agreement_sent: 'Convention envoyée',
  signed: 'Convention signée',
  ongoing: 'En cours',
  completed: 'Terminé',
  cancelled: 'Annulé',
}

export const STATUS_TONES: Record<InternshipStatus, string> = {
  draft: 'neutral',
  agreement_sent: 'info',
  signed: 'primary',
  ongoing: 'warning',
  completed: 'success',
  cancelled: 'danger',
}

/**
 * The moves allowed from each status: forward one step, or a
 * cancellation until the internship is over.
 */
export const NEXT_STATUSES: Record<InternshipStatus, InternshipStatus[]> = {
  draft: ['agreement_sent', 'cancelled'],
  agreement_sent: ['signed', 'cancelled'],
  signed: ['ongoing', 'cancelled'],
  ongoing: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
}

/**
 * What the button of each move says.
 */
export const MOVE_LABELS: Record<InternshipStatus, string> = {
  draft: 'Revenir au brouillon',
  agreement_sent: 'Convention envoyée',
  signed: 'Convention signée',
  ongoing: 'Stage commencé',
  completed: 'Stage terminé',
  cancelled: 'Annuler le stage',
}

/**
 * Details can change until the agreement is signed: after, a signed
 * document would no longer match what the application says.
 */
export const EDITABLE_STATUSES: InternshipStatus[] = ['draft', 'agreement_sent']

/**
 * Internships that count: every one but the cancelled.
 */
export const COUNTED_STATUSES: InternshipStatus[] = [
  'draft',
  'agreement_sent',
  'signed',
  'ongoing',
  'completed',
]

/**
 * What a trainee is asked to bring on the first day (shown on "Mon stage").
 */
export const WHAT_TO_BRING = [
  'Une pièce d’identité',
  'Votre exemplaire de la convention signée',
  'Votre carte Vitale ou attestation de sécurité sociale',
  'Une tenue adaptée au poste (demandez à votre tuteur ou tutrice)',
  'De quoi noter, et le numéro de votre coordinateur ou coordinatrice',
]

/**
 * Hours as French writes them: 35 h, 7,5 h.
 */
export function formatHours(hours: number | null) {
  if (hours === null || hours === undefined) return '—'
  return `${Number(hours).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} h`
}
