export const ATTENDANCE_STATUSES = ['present', 'late', 'absent'] as const

export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]
