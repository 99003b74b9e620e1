import { emptyToNull, InputChecker } from '@tongxin/common';
import { OrganizationEntity } from '../organization/organization.entity';
import { OrganizationKind } from '../organization/organization.enums';
import { EARLIEST_DATE } from '../organization/organization.validation';

/** The most attending units and decisions one meeting records. */
const MAX_ATTENDING_UNITS = 100;
const MAX_DECISIONS = 50;

/** A meeting as a caller sends it: anything may be missing or wrong. */
export interface MeetingDraft {
  bodyId?: string | null;
  heldOn?: string | null;
  topic?: string | null;
  attendingUnitIds?: readonly (string | null)[] | null;
  decisions?: ReadonlyArray<{ text?: string | null; responsibleUnitId?: string | null; dueDate?: string | null } | null> | null;
}

/** Every field of a meeting, as stored. */
export interface MeetingRecord {
  heldOn: string;
  topic: string;
  attendingUnitIds: string[];
  decisions: Array<{ position: number; text: string; responsibleUnitId: string | null; dueDate: string | null }>;
}

/**
 * Checks a meeting of `body` (a JOINT_MEETING, checked by the caller) and returns the record to
 * store, or null with every problem recorded in `check`. `units` are the body's member units:
 * every attending and responsible unit must be one of them (null: the body is unknown, so that
 * is not checked).
 */
export function checkMeetingRecord(
  check: InputChecker,
  draft: MeetingDraft,
  body: OrganizationEntity | null,
  units: ReadonlyMap<string, OrganizationEntity> | null,
  today: string,
): MeetingRecord | null {
  const heldOn = check.date('heldOn', draft.heldOn, { required: true, notAfter: today, notBefore: body?.foundedOn ?? EARLIEST_DATE });
  const topic = check.text('topic', draft.topic, { required: true, min: 2, max: 200 });

  const unitOf = (field: string, value: string | null | undefined, required: boolean): string | undefined => {
    const id = check.id(field, value, { required });
    if (id && units && !units.has(id)) check.fail(field, `${id} is not a member unit of ${body?.name ?? 'this joint meeting'}`);
    return id;
  };

  const attendingUnitIds: string[] = [];
  const given = draft.attendingUnitIds ?? [];
  if (given.length === 0) check.fail('attendingUnitIds', 'name at least one member unit that attended');
  else if (given.length > MAX_ATTENDING_UNITS) check.fail('attendingUnitIds', `holds ${given.length} units; at most ${MAX_ATTENDING_UNITS} are allowed`);
  else {
    const seen = new Map<string, number>();
    given.forEach((value, i) => {
      const id = unitOf(`attendingUnitIds[${i}]`, value, true);
      if (!id) return;
      const first = seen.get(id);
      if (first !== undefined) check.fail(`attendingUnitIds[${i}]`, `names the same unit as attendingUnitIds[${first}]`);
      else {
        seen.set(id, i);
        attendingUnitIds.push(id);
      }
    });
  }

  const decisions: MeetingRecord['decisions'] = [];
  const givenDecisions = draft.decisions ?? [];
  if (givenDecisions.length > MAX_DECISIONS) check.fail('decisions', `holds ${givenDecisions.length} decisions; at most ${MAX_DECISIONS} are allowed`);
  else {
    givenDecisions.forEach((d, i) => {
      const text = check.text(`decisions[${i}].text`, d?.text, { required: true, min: 2, max: 500 });
      const responsibleUnitId = unitOf(`decisions[${i}].responsibleUnitId`, d?.responsibleUnitId, false);
      const dueDate = check.date(`decisions[${i}].dueDate`, d?.dueDate, { notBefore: heldOn });
      decisions.push({ position: i + 1, text: text!, responsibleUnitId: emptyToNull(responsibleUnitId), dueDate: emptyToNull(dueDate) });
    });
  }

  if (!check.ok) return null;
  return { heldOn: heldOn!, topic: topic!, attendingUnitIds, decisions };
}

/** The body of a meeting must be a joint meeting. */
export function isJointMeeting(org: OrganizationEntity): boolean {
  return org.kind === OrganizationKind.JOINT_MEETING;
}
