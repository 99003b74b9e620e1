import { InputChecker } from '@tongxin/common';
import { Attendance, ParticipationRole } from './participation.enums';

/** Every field of a participation, as stored. */
export interface ParticipationRecord {
  activityId: string;
  personId: string;
  role: ParticipationRole;
  attendance: Attendance;
  hours: number | null;
}

/** A participation as a user or the demo-data generator sends it: anything may be missing or wrong. */
export type ParticipationDraft = { [K in keyof ParticipationRecord]?: ParticipationRecord[K] | string | null };

/**
 * Checks one participation and returns the record to store, or null with every problem in
 * `check`. Whether the activity exists, is open and has room is the service's business.
 */
export function checkParticipationRecord(check: InputChecker, draft: ParticipationDraft): ParticipationRecord | null {
  const activityId = check.id('activityId', draft.activityId as string | null);
  // The person lives in the persons subgraph, which this one never reads: only the format is checked.
  const personId = check.id('personId', draft.personId as string | null);
  const role = check.oneOf('role', (draft.role as string | null) ?? ParticipationRole.PARTICIPANT, ParticipationRole, { required: true });
  const attendance = check.oneOf('attendance', (draft.attendance as string | null) ?? Attendance.REGISTERED, Attendance, { required: true });
  const rawHours = draft.hours;
  const hours = check.number('hours', typeof rawHours === 'string' ? (rawHours.trim() === '' ? undefined : Number(rawHours)) : rawHours, { min: 0, max: 24, decimals: 1 });
  if (hours !== undefined && attendance && attendance !== Attendance.ATTENDED) {
    check.fail('hours', `may only be given with attendance ATTENDED, not ${attendance}`);
  }

  if (!check.ok) return null;
  return {
    activityId: activityId!,
    personId: personId!,
    role: role!,
    attendance: attendance!,
    hours: hours ?? null,
  };
}
