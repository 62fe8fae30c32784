import factory from '@adonisjs/lucid/factories'
import ApplicationStatusChange from '#models/application_status_change'
import Application from '#models/application'
import { ApplicationFactory } from '#database/factories/application_factory'
import { UserFactory } from '#database/factories/user_factory'
import { organizationIdFor, willCreate } from '#database/factories/helpers'

/**
 * submitted → screening, by nobody in particular (`.with('changedBy')`
 * for a coordinator of the organisation).
 */
export const ApplicationStatusChangeFactory = factory
  .define(ApplicationStatusChange, () => ({
    fromStatus: 'submitted' as const,
    toStatus: 'screening' as const,
    changedById: null,
    note: null,
  }))
  .relation('application', () => ApplicationFactory)
  .relation('changedBy', () => UserFactory)
  .before('create', async (builder, change, ctx) => {
    change.organizationId ??= await organizationIdFor(builder, ctx, [
      [Application, change.applicationId],
    ])
    if (!change.applicationId && !willCreate(builder, 'application')) {
      const application = await ApplicationFactory.merge({ organizationId: change.organizationId })
        .useCtx(ctx)
        .create()
      change.applicationId = application.id
    }
  })
  .build()
