import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import { RecordEligibility } from '#actions/applications/check_eligibility'
import ApplicationReceivedNotification from '#mails/application_received_notification'
import type { ApplicationPayload } from '#validators/application'
import { sqlDate } from '#services/sql_time'

type Params = {
  /** A recruiting cohort, with its programme loaded. */
  cohort: Cohort
  payload: ApplicationPayload
}

/**
 * A person applies to a recruiting cohort through the public form.
 *
 * In one transaction: a new trainee of the cohort's organisation, the
 * application (submitted), the first line of its history (nobody changed
 * it: the applicant sent it) and its eligibility (RecordEligibility). Then
 * the acknowledgement email is queued.
 *
 * One person, one record: when a trainee of the organisation already has
 * the same email (any case) or the same first name, last name and birth
 * date, nothing is merged here. The new trainee is created and the
 * application points at the one already known (`duplicateOfTraineeId`), for
 * a coordinator to confirm or dismiss the link.
 */
export default class SubmitApplication {
  async handle({ cohort, payload }: Params) {
    const now = DateTime.now()
    const email = payload.email.toLowerCase()
    const birthDate = DateTime.fromISO(payload.birth_date)
    const rqthConsented = payload.rqth === 'yes' && !!payload.rqth_consent

    const application = await db.transaction(async (trx) => {
      const duplicate = await this.findKnownPerson(trx, cohort.organizationId, {
        email,
        firstName: payload.first_name,
        lastName: payload.last_name,
        birthDate,
      })

      const trainee = await Trainee.create(
        {
          organizationId: cohort.organizationId,
          firstName: payload.first_name,
          lastName: payload.last_name,
          email,
          phone: payload.phone,
          birthDate,
          sex: payload.sex,
          addressLine: payload.address_line,
          postalCode: payload.postal_code,
          city: payload.city,
          qualificationLevel: Number(payload.qualification_level),
          jobSeeker: payload.job_seeker === 'yes',
          jobSeekerSince:
            payload.job_seeker === 'yes' && payload.job_seeker_since
              ? DateTime.fromISO(payload.job_seeker_since)
              : null,
          franceTravailId: payload.france_travail_id ?? null,
          prescriber: payload.prescriber ?? null,
          // Health data: kept only with the applicant's explicit consent.
          rqth: rqthConsented ? 'yes' : payload.rqth === 'no' ? 'no' : 'undisclosed',
          rqthConsentAt: rqthConsented ? now : null,
        },
        { client: trx }
      )

      const created = await Application.create(
        {
          organizationId: cohort.organizationId,
          cohortId: cohort.id,
          traineeId: trainee.id,
          source: payload.source,
          motivation: payload.motivation,
          availability: payload.availability,
          status: 'submitted',
          rgpdConsentAt: now,
          lastContactAt: now,
          duplicateOfTraineeId: duplicate?.id ?? null,
        },
        { client: trx }
      )

      await ApplicationStatusChange.create(
        {
          organizationId: cohort.organizationId,
          applicationId: created.id,
          fromStatus: null,
          toStatus: 'submitted',
          changedById: null,
        },
        { client: trx }
      )
      // Every new application shows its eligibility: checked now, with the
      // reasons in words, in the same transaction.
      await new RecordEligibility().handle({ application: created, client: trx })
      return created
    })

    await mail.sendLater(
      new ApplicationReceivedNotification({
        email,
        name: `${payload.first_name} ${payload.last_name}`,
        cohortName: cohort.name,
        programmeTitle: cohort.programme?.title ?? null,
      })
    )
    return application
  }

  /**
   * The trainee of the organisation who is most likely the same person.
   */
  private findKnownPerson(
    trx: TransactionClientContract,
    organizationId: number,
    person: { email: string; firstName: string; lastName: string; birthDate: DateTime }
  ) {
    return Trainee.query({ client: trx })
      .where('organization_id', organizationId)
      .where((query) => {
        query.whereRaw('lower(email) = ?', [person.email]).orWhere((sameName) => {
          sameName
            .whereRaw('lower(first_name) = ?', [person.firstName.toLowerCase()])
            .whereRaw('lower(last_name) = ?', [person.lastName.toLowerCase()])
            .where('birth_date', sqlDate(person.birthDate))
        })
      })
      .orderBy('id')
      .first()
  }
}
