/**
 * What an attendance alert warns about:
 * - `unjustified_half_days`: too many unjustified absent half-days within
 *   the programme's window (e.g. 3 in 30 days);
 * - `low_rate`: the attendance rate fell under the programme's floor.
 */
export const ATTENDANCE_ALERT_KINDS = ['unjustified_half_days', 'low_rate'] as const

export type AttendanceAlertKind = (typeof ATTENDANCE_ALERT_KINDS)[number]
