import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import Outcome from '#models/outcome'
import type User from '#models/user'
import type { OutcomeCheckpoint } from '#enums/checkpoint'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import type { SelfReportPayload } from '#validators/follow_up'
import { factsFrom } from '#actions/follow_ups/record_follow_up_answer'
import RecordOutcome from '#actions/outcomes/record_outcome'
import { nowInParis } from '#services/sql_time'

/**
 * The signed-in trainee's latest enrollment that has ended (the one
 * follow-ups are about), or null while still in training.
 */
async function endedEnrollment(user: User) {
  const trainee = await Trainee.query()
    .where('user_id', user.id)
    .where('organization_id', user.organizationId ?? 0)
    .first()
  if (!trainee) return { trainee: null, enrollment: null }
  const enrollment = await Enrollment.query()
    .where('trainee_id', trainee.id)
    .whereNotNull('exit_on')
    .whereNotIn('status', IN_TRAINING_STATUSES)
    .preload('cohort')
    .preload('followUps')
    .orderBy('exit_on', 'desc')
    .orderBy('id', 'desc')
    .first()
  return { trainee, enrollment }
}

/**
 * Which checkpoint an update made today belongs to: the latest follow-up
 * already due (3, 6 or 12 months), or the exit itself before the first
 * one is due.
 */
export function checkpointForToday(enrollment: Enrollment): OutcomeCheckpoint {
  const today = nowInParis().startOf('day')
  const due = enrollment.followUps
    .filter((followUp) => followUp.dueOn <= today)
    .sort((a, b) => b.dueOn.toMillis() - a.dueOn.toMillis())
  return due[0]?.checkpoint ?? 'exit'
}

/**
 * "Ma situation": what the trainee's observations say at each checkpoint,
 * and where an update today would go.
 */
export class BuildMySituation {
  async handle({ user }: { user: User }) {
    const { trainee, enrollment } = await endedEnrollment(user)
    if (!trainee || !enrollment)
      return { trainee, enrollment: null, outcomes: [], checkpoint: null }
    const outcomes = await Outcome.query()
      .where('enrollment_id', enrollment.id)
      .orderBy('observed_on', 'desc')
      .orderBy('id', 'desc')
    return { trainee, enrollment, outcomes, checkpoint: checkpointForToday(enrollment) }
  }
}

/**
 * Records the trainee's update (source `declared`) at the checkpoint of
 * today (see checkpointForToday) through RecordOutcome, which also answers
 * that follow-up if it was waiting. Refused while still in training.
 */
export default class UpdateMySituation {
  async handle({ user, payload }: { user: User; payload: SelfReportPayload }) {
    const { enrollment } = await endedEnrollment(user)
    if (!enrollment) return { kind: 'in_training' as const }
    const checkpoint = checkpointForToday(enrollment)
    const result = await new RecordOutcome().handle({
      enrollment,
      checkpoint,
      facts: factsFrom(payload),
      source: 'declared',
      recordedBy: user,
    })
    if (!result.recorded) return { kind: 'refused' as const, refusal: result }
    return { kind: 'recorded' as const, checkpoint }
  }
}
