import { DateTime } from 'luxon'
import { sqlDateTime } from '#services/sql_time'
import drive from '@adonisjs/drive/services/main'
import ExportRun from '#models/export_run'
import Funder from '#models/funder'
import type User from '#models/user'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { countScopeEnrollments, scopeCohortsQuery } from '#exports/outcome_spreadsheet'

/** How long a built export can be downloaded. */
export const EXPORT_RETENTION_DAYS = 7

export const OUTCOME_EXPORT_KIND = 'outcomes'

/**
 * A refusal worded for the person who asked.
 */
export class ExportRefused extends Error {}

/**
 * The funders a user may export for: a funder's account its own funder;
 * a coordinator the funders of their organisation's cohorts.
 */
export async function exportableFunders(user: User): Promise<Funder[]> {
  if (user.funderId) return Funder.query().where('id', user.funderId)
  if (!user.organizationId) return []
  return Funder.query()
    .whereHas('cohorts', (cohorts) =>
      cohorts.where('cohorts.organization_id', user.organizationId!)
    )
    .orderBy('name')
}

/**
 * Creates an outcome export run after checking the funder is within the
 * user's reach and the period holds at least one enrollment; the caller
 * dispatches the build job.
 */
export async function requestOutcomeExport(input: {
  user: User
  funderId: number
  from: DateTime
  to: DateTime
  /** The transaction the run is created in (with its job, see the controller). */
  client?: TransactionClientContract
}): Promise<ExportRun> {
  const funders = await exportableFunders(input.user)
  const funder = funders.find((candidate) => candidate.id === input.funderId)
  if (!funder)
    throw new ExportRefused('Ce financeur ne fait pas partie de ceux que vous pouvez exporter.')
  const organizationId = input.user.funderId ? null : input.user.organizationId
  const scope = { funderId: funder.id, organizationId, from: input.from, to: input.to }

  const cohorts = await scopeCohortsQuery(scope).select('id')
  if (cohorts.length === 0) {
    throw new ExportRefused(
      `Aucune promotion financée par ${funder.name} ne se déroule entre le ${input.from.toFormat('dd/LL/yyyy')} et le ${input.to.toFormat('dd/LL/yyyy')} : rien à exporter.`
    )
  }
  if ((await countScopeEnrollments(scope)) === 0) {
    throw new ExportRefused(
      'Les promotions de cette période n’ont encore aucune personne inscrite : rien à exporter.'
    )
  }
  return ExportRun.create(
    {
      organizationId,
      funderId: funder.id,
      requestedById: input.user.id,
      kind: OUTCOME_EXPORT_KIND,
      filters: { from: input.from.toISODate(), to: input.to.toISODate() },
      status: 'queued',
      progress: 0,
    },
    { client: input.client }
  )
}

/**
 * An export run of this user, or null (someone else's run is not found).
 */
export async function findOwnRun(user: User, id: number) {
  const query = ExportRun.query().where('id', id).where('requested_by_id', user.id)
  // Asked from where the person still is: an account moved to another
  // funder or organisation leaves its former runs behind.
  if (user.funderId) query.where('funder_id', user.funderId).whereNull('organization_id')
  else query.where('organization_id', user.organizationId ?? 0)
  return query.preload('funder').first()
}

export function isExpired(run: ExportRun, now = DateTime.now()) {
  return (
    run.status === 'done' && (!run.filePath || (run.expiresAt !== null && run.expiresAt <= now))
  )
}

/**
 * Deletes the files of runs past their retention and forgets their path,
 * so their download says "expired". Returns how many were purged.
 */
export async function purgeExpiredExports(now = DateTime.now()): Promise<number> {
  const runs = await ExportRun.query()
    .whereNotNull('file_path')
    .whereNotNull('expires_at')
    .where('expires_at', '<=', sqlDateTime(now))
  for (const run of runs) {
    await drive.use().delete(run.filePath!)
    run.filePath = null
    await run.save()
  }
  return runs.length
}
