/**
 * draft → agreement_sent → signed → ongoing → completed / cancelled.
 */
export const INTERNSHIP_STATUSES = [
  'draft',
  'agreement_sent',
  'signed',
  'ongoing',
  'completed',
  'cancelled',
] as const

export type InternshipStatus = (typeof INTERNSHIP_STATUSES)[number]
