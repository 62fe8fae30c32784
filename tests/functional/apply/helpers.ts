import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Side } from '#tests/helpers/world'

/**
 * A complete, valid public application.
 */
export function applicationForm(overrides: Record<string, unknown> = {}) {
  return {
    first_name: 'Awa',
    last_name: 'Diallo',
    email: 'awa.diallo@exemple.test',
    phone: '06 12 34 56 78',
    birth_date: '1990-03-21',
    sex: 'female',
    address_line: '12 rue des Lilas',
    postal_code: '76000',
    city: 'Rouen',
    qualification_level: '3',
    job_seeker: 'yes',
    job_seeker_since: '2025-09',
    france_travail_id: '1234567A',
    source: 'mission_locale',
    prescriber: 'Mme Martin',
    availability: 'Tous les jours sauf le mercredi après-midi',
    motivation: 'Je veux apprendre le numérique.',
    rgpd_consent: '1',
    rqth: 'undisclosed',
    ...overrides,
  }
}

/**
 * Opens the world's cohort to applications.
 */
export async function openRecruiting(side: Side) {
  side.cohort.status = 'recruiting'
  await side.cohort.save()
  return side.cohort
}

/**
 * Rows in the tables an application writes to.
 */
export async function countRows() {
  const count = async (table: string) => {
    const [row] = await db.from(table).count('* as total')
    return Number(row.total)
  }
  return {
    trainees: await count('trainees'),
    applications: await count('applications'),
    changes: await count('application_status_changes'),
  }
}

export const yearsAgo = (years: number, days = 0) =>
  DateTime.now().setZone('Europe/Paris').minus({ years, days }).toISODate()!
