import type { ApiResponse } from '@japa/api-client'
import { DateTime } from 'luxon'
import Internship from '#models/internship'
import ProgrammeModule from '#models/programme_module'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

/**
 * A day `days` from today (Paris), as the date input sends it.
 */
export function dayFromToday(days: number) {
  return DateTime.now().setZone(PARIS).startOf('day').plus({ days }).toISODate()!
}

/**
 * A complete, valid internship form for the side's company and tutor:
 * one week (Monday to Friday three weeks ahead), 35 h.
 */
export function internshipForm(side: Side, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'stage',
    partner_company_id: side.company.id,
    tutor_contact_id: side.contact.id,
    prescriber: '',
    starts_on: dayFromToday(21),
    ends_on: dayFromToday(25),
    hours_total: '35',
    weekly_hours: '35',
    place: 'Magasin de la rue Jeanne-d’Arc',
    tasks: 'Mise en rayon, accueil des clients',
    objectives: 'Tenir une caisse en autonomie',
    evaluation_method: 'Grille d’évaluation remplie par la tutrice',
    ...overrides,
  }
}

/**
 * An internship module of `hours` planned hours in the side's programme.
 */
export function internshipModule(side: Side, hours: number) {
  return ProgrammeModule.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    title: 'Stage en entreprise',
    kind: 'internship',
    plannedHours: hours,
    position: 2,
    location: 'company',
  })
}

export function internshipsOf(side: Side) {
  return Internship.query().where('enrollment_id', side.enrollment.id).orderBy('id')
}

/**
 * Awaits a request and checks that its page shows `text`.
 */
export async function expectText(request: PromiseLike<ApiResponse>, text: string) {
  const response = await request
  response.assertTextIncludes(text)
}
