/**
 * What an applicant can be invited to; each is also the pipeline status
 * the application moves to.
 */
export const INVITATION_KINDS = ['info_session', 'interview'] as const

export type InvitationKind = (typeof INVITATION_KINDS)[number]

/**
 * How each kind is said: the button, the history note ("Invitée à la
 * réunion d’information du …") and the email subject.
 */
export const INVITATION_WORDING: Record<
  InvitationKind,
  { action: string; event: string; subject: string; title: string }
> = {
  info_session: {
    action: 'Inviter à une réunion d’information',
    event: 'la réunion d’information',
    subject: 'Invitation à une réunion d’information',
    title: 'une réunion d’information',
  },
  interview: {
    action: 'Inviter à un entretien',
    event: 'l’entretien',
    subject: 'Invitation à un entretien',
    title: 'un entretien',
  },
}
