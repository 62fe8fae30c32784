import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DATABASE_ERROR_ADVICE, isDatabaseError } from '#services/database_errors'
import type Cohort from '#models/cohort'
import type User from '#models/user'
import Programme from '#models/programme'
import Trainee from '#models/trainee'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import { checkEligibility, eligibilityColumns } from '#actions/applications/check_eligibility'
import type { ImportChoices } from '#actions/applications/import/import_fields'
import type { ImportSheet } from '#actions/applications/import/read_import_file'
import PreviewImport, { type ImportPreviewRow } from '#actions/applications/import/preview_import'

export type ImportResult =
  | { imported: true; created: number; attached: number; present: number }
  | { imported: false; reason: string }

function lines(count: number) {
  return `${count} ${count > 1 ? 'lignes' : 'ligne'}`
}

/**
 * Imports a referral list into a cohort, all or nothing, in ONE
 * transaction: the rows are read again from the stored file and compared
 * again with the database inside the transaction (never a copy the
 * browser posted back), and the import is refused, with nothing written,
 * while any row is in error.
 *
 * For each row to import: a new trainee (or the one already known, left
 * as it is), an application `submitted` from the row's origin (or the
 * origin chosen for the file), its first history line (changed by the
 * coordinator, "Importée depuis <file>", plus the row's remarks) and its
 * eligibility checked against the programme's rules. Rows whose person
 * already applied to the cohort are skipped.
 *
 * Imported people gave no consent through the form: `rgpdConsentAt`
 * stays null and no acknowledgement email is sent (the coordinator
 * contacts them); RQTH is never imported.
 */
type ImportRequest = {
  cohort: Cohort
  user: User
  sheet: ImportSheet
  choices: ImportChoices
  filename: string
}

export default class ImportApplications {
  async handle(request: ImportRequest): Promise<ImportResult> {
    const { cohort } = request
    try {
      return await this.write(request)
    } catch (error) {
      // The transaction was rolled back: not one row of the file is kept.
      if (!isDatabaseError(error)) throw error
      logger.error({ err: error, cohortId: cohort.id }, 'import not saved: database error')
      return {
        imported: false,
        reason: `Import interrompu par une erreur de la base de données. ${DATABASE_ERROR_ADVICE}`,
      }
    }
  }

  private write({ cohort, user, sheet, choices, filename }: ImportRequest): Promise<ImportResult> {
    return db.transaction(async (trx) => {
      const preview = await new PreviewImport().handle({ cohort, sheet, choices, client: trx })
      const source = choices.source
      if (Object.keys(preview.problems).length || !source) {
        return {
          imported: false,
          reason:
            'Import refusé : le choix des colonnes est incomplet. Rien n’a été enregistré. Choisissez les colonnes, puis vérifiez l’aperçu.',
        }
      }
      if (preview.counts.errors) {
        return {
          imported: false,
          reason: `Import refusé : ${lines(preview.counts.errors)} en erreur. Rien n’a été enregistré. Corrigez le fichier, puis déposez-le à nouveau.`,
        }
      }

      const programme = await Programme.query({ client: trx })
        .where('id', cohort.programmeId)
        .firstOrFail()
      const now = DateTime.now()
      for (const row of preview.rows) {
        if (row.outcome !== 'new' && row.outcome !== 'attach') continue
        const trainee =
          row.outcome === 'attach' && row.known
            ? row.known
            : await Trainee.create(this.newTrainee(cohort, row), { client: trx })

        const result = checkEligibility({
          rules: programme.eligibilityRules,
          trainee,
          cohortStartsOn: cohort.startsOn,
        })
        // The same record RecordEligibility stores, computed here from the
        // rows in hand rather than reloaded application by application.
        const application = await Application.create(
          {
            organizationId: cohort.organizationId,
            cohortId: cohort.id,
            traineeId: trainee.id,
            source: row.person.source ?? source,
            status: 'submitted',
            rgpdConsentAt: null,
            lastContactAt: now,
            ...eligibilityColumns(result, cohort.startsOn, now),
          },
          { client: trx }
        )
        await ApplicationStatusChange.create(
          {
            organizationId: cohort.organizationId,
            applicationId: application.id,
            fromStatus: null,
            toStatus: 'submitted',
            changedById: user.id,
            note: this.note(filename, row),
          },
          { client: trx }
        )
      }
      return {
        imported: true,
        created: preview.counts.created,
        attached: preview.counts.attached,
        present: preview.counts.present,
      }
    })
  }

  private newTrainee(cohort: Cohort, { person }: ImportPreviewRow): Partial<Trainee> {
    return {
      organizationId: cohort.organizationId,
      firstName: person.firstName!,
      lastName: person.lastName!,
      email: person.email,
      phone: person.phone,
      birthDate: person.birthDate,
      sex: person.sex,
      addressLine: person.addressLine,
      postalCode: person.postalCode,
      city: person.city,
      qualificationLevel: person.qualificationLevel,
      jobSeeker: person.jobSeeker ?? false,
      franceTravailId: person.franceTravailId,
      prescriber: person.prescriber,
    }
  }

  private note(filename: string, { person }: ImportPreviewRow) {
    const origin = `Importée depuis ${filename}`
    return person.notes ? `${origin}. Remarques du fichier : ${person.notes}` : origin
  }
}

/**
 * "23 candidatures importées, 2 déjà présentes." and the like.
 */
export function importSummary(result: { created: number; attached: number; present: number }) {
  const imported = result.created + result.attached
  const parts = [
    imported === 0
      ? 'Aucune candidature importée'
      : `${imported} ${imported > 1 ? 'candidatures importées' : 'candidature importée'}`,
  ]
  if (result.attached) {
    parts[0] += ` (dont ${result.attached} ${result.attached > 1 ? 'rattachées à des personnes déjà connues' : 'rattachée à une personne déjà connue'})`
  }
  if (result.present) {
    parts.push(`${result.present} ${result.present > 1 ? 'déjà présentes' : 'déjà présente'}`)
  }
  return `${parts.join(', ')}.`
}
