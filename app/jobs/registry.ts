/*
|--------------------------------------------------------------------------
| Job registry
|--------------------------------------------------------------------------
|
| Every job the application dispatches, known by its stable name. The
| worker runs only what is listed here: a name it does not find fails.
|
*/

import { JobRegistry } from '#jobs/job_registry'
import SendMailJob from '#jobs/send_mail_job'
import NotifySessionChangeJob from '#jobs/notify_session_change_job'
import CheckAttendanceAlertsJob from '#jobs/check_attendance_alerts_job'
import SendTutorEvaluationRemindersJob from '#jobs/send_tutor_evaluation_reminders_job'
import SendDueFollowUpsJob from '#jobs/send_due_follow_ups_job'
import BuildOutcomeExportJob from '#jobs/build_outcome_export_job'
import RefreshProgrammeResultsJob from '#jobs/refresh_programme_results_job'
import PurgePersonalDataJob from '#jobs/purge_personal_data_job'

export default new JobRegistry([
  SendMailJob,
  NotifySessionChangeJob,
  CheckAttendanceAlertsJob,
  SendDueFollowUpsJob,
  SendTutorEvaluationRemindersJob,
  RefreshProgrammeResultsJob,
  BuildOutcomeExportJob,
  PurgePersonalDataJob,
])
