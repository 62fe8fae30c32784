import ClassSession from '#models/class_session'
import ProgrammeModule from '#models/programme_module'
import PartnerCompany from '#models/partner_company'
import User from '#models/user'
import type Cohort from '#models/cohort'
import { PARIS, sqlDateTime } from '#services/sql_time'

type Option = { value: number; label: string }

/**
 * What the session form offers for a cohort: its programme's modules, the
 * organisation's trainers and partner companies, and the current values
 * of the session being edited. `sharesTrainer` is true when the session's
 * trainer already teaches another session of the same cohort at the same
 * time (the "both groups together" box is then ticked).
 */
export default class BuildSessionForm {
  async handle({ cohort, session }: { cohort: Cohort; session?: ClassSession }) {
    const modules = await ProgrammeModule.query()
      .where('programme_id', cohort.programmeId)
      .orderBy('position', 'asc')
    const trainers = await User.query()
      .where('organization_id', cohort.organizationId)
      .where('role', 'trainer')
      .orderBy('full_name', 'asc')
    const companies = await PartnerCompany.query()
      .where('organization_id', cohort.organizationId)
      .orderBy('name', 'asc')

    return {
      modules: modules.map((module): Option => ({ value: module.id, label: module.title })),
      trainers: trainers.map((trainer): Option => ({
        value: trainer.id,
        label: trainer.isActive ? trainer.fullName : `${trainer.fullName} (compte désactivé)`,
      })),
      companies: companies.map((company): Option => ({ value: company.id, label: company.name })),
      values: session ? this.values(session) : {},
      sharesTrainer: session ? await this.sharesTrainer(session) : false,
    }
  }

  private values(session: ClassSession) {
    const start = session.startsAt.setZone(PARIS)
    return {
      date: start.toISODate(),
      start_time: start.toFormat('HH:mm'),
      end_time: session.endsAt.setZone(PARIS).toFormat('HH:mm'),
      programme_module_id: session.programmeModuleId,
      trainer_id: session.trainerId,
      room: session.room,
      partner_company_id: session.partnerCompanyId,
    }
  }

  private async sharesTrainer(session: ClassSession) {
    if (!session.trainerId) return false
    const other = await ClassSession.query()
      .where('cohort_id', session.cohortId)
      .where('trainer_id', session.trainerId)
      .where('is_cancelled', false)
      .whereNot('id', session.id)
      .where('starts_at', '<', sqlDateTime(session.endsAt))
      .where('ends_at', '>', sqlDateTime(session.startsAt))
      .first()
    return !!other
  }
}
