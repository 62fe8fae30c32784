import Organization from '#models/organization'

/**
 * An application of the given organisation (404 for any other id).
 */
export async function findApplication(organizationId: number | null, id: unknown) {
  const organization = await Organization.findOrFail(organizationId)
  return organization.related('applications').query().where('id', Number(id)).firstOrFail()
}
