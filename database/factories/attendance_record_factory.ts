import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import AttendanceRecord from '#models/attendance_record'
import ClassSession from '#models/class_session'
import Enrollment from '#models/enrollment'
import { ClassSessionFactory } from '#database/factories/class_session_factory'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { UserFactory } from '#database/factories/user_factory'
import { findIn, organizationIdFor } from '#database/factories/helpers'

/**
 * A trainee present and signed on her phone. The session and the
 * enrollment are of the same cohort: give either (or both) by id, or
 * create the record through `ClassSessionFactory.with('attendanceRecords')`
 * or `EnrollmentFactory.with('attendanceRecords')`, and the other is made
 * in that cohort.
 */
export const AttendanceRecordFactory = factory
  .define(AttendanceRecord, () => ({
    status: 'present' as const,
    minutesMissed: 0,
    absenceReason: null,
    absenceJustified: null,
    proofPath: null,
    signedAt: DateTime.now(),
    signatureMethod: 'trainee_phone' as const,
    signatureDevice: 'Mozilla/5.0 (Linux; Android 10; K) Chrome/120.0 Mobile',
    signatureIp: '192.0.2.10',
    recordedById: null,
  }))
  .state('late', (record) => {
    record.status = 'late'
    record.minutesMissed = 20
  })
  .state('absent', (record) => {
    record.status = 'absent'
    record.absenceReason = 'illness'
    record.absenceJustified = true
    record.proofPath = 'proofs/arret-maladie.pdf'
    record.signedAt = null
    record.signatureMethod = null
    record.signatureDevice = null
    record.signatureIp = null
  })
  .state('unsigned', (record) => {
    record.signedAt = null
    record.signatureMethod = null
    record.signatureDevice = null
    record.signatureIp = null
  })
  .state('onPaper', (record) => {
    record.signatureMethod = 'paper'
    record.signatureDevice = null
    record.signatureIp = null
  })
  .relation('recordedBy', () => UserFactory)
  .before('create', async (builder, record, ctx) => {
    record.organizationId ??= await organizationIdFor(builder, ctx, [
      [ClassSession, record.classSessionId],
      [Enrollment, record.enrollmentId],
    ])
    const inOrganization = { organizationId: record.organizationId }
    if (!record.classSessionId) {
      const enrollment = record.enrollmentId
        ? await findIn(Enrollment, record.enrollmentId, ctx)
        : undefined
      const cohortId = enrollment?.cohortId
      const session = await ClassSessionFactory.merge(
        cohortId ? { ...inOrganization, cohortId } : inOrganization
      )
        .useCtx(ctx)
        .create()
      record.classSessionId = session.id
    }
    if (!record.enrollmentId) {
      const { cohortId } = await findIn(ClassSession, record.classSessionId, ctx)
      const enrollment = await EnrollmentFactory.merge({ ...inOrganization, cohortId })
        .useCtx(ctx)
        .create()
      record.enrollmentId = enrollment.id
    }
  })
  .build()
