import { DateTime } from 'luxon'
import type ClassSession from '#models/class_session'
import dispatcher from '#services/dispatcher'
import NotifySessionChangeJob from '#jobs/notify_session_change_job'

/**
 * A session already shown to trainees (published) that is about to be
 * saved with a change is marked changed now, so their planning says so.
 * Returns whether the trainees must be told. A session never published
 * changes silently.
 */
export function markChangedIfPublished(session: ClassSession) {
  if (!session.publishedAt || !session.$isDirty) return false
  session.changedAt = DateTime.now()
  return true
}

/**
 * Tells the cohort's trainees, through the job dispatcher (call it after
 * the transaction committed, so the job reads what was saved).
 */
export async function notifyTraineesOfChange(sessionId: number) {
  await dispatcher.dispatch(NotifySessionChangeJob, { sessionId })
}
