import { CITY, emptyToNull, findDistrict, InputChecker } from '@tongxin/common';
import { OrganizationEntity } from './organization.entity';
import { JointMeetingUnitRole, LEVEL_RANK, LEVELS_BY_KIND, OrganizationKind, OrganizationLevel, PARENT_KINDS } from './organization.enums';

/** Every field of an organization, as stored. */
export interface OrganizationRecord {
  name: string;
  kind: OrganizationKind;
  level: OrganizationLevel;
  districtCode: string;
  streetCode: string | null;
  community: string | null;
  parentId: string | null;
  description: string | null;
  foundedOn: string | null;
  /** Member units only: their part in the joint meeting, contact person and phone. */
  unitRole: JointMeetingUnitRole | null;
  contactName: string | null;
  contactPhone: string | null;
}

/** An organization as a caller sends it: anything may be missing or wrong. */
export type OrganizationDraft = { [K in keyof OrganizationRecord]?: OrganizationRecord[K] | string | null };

/** A mainland mobile number (11 digits from 13x to 19x) or a landline with its area code (0577-88960000). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** The earliest date a founding or a membership may carry. */
export const EARLIEST_DATE = '1949-10-01';

/**
 * Checks a new organization and returns the record to store, or null with every problem
 * recorded in `check`. `parentOf` gives the stored parent of a (well-formed) parent id, or
 * undefined when there is none; the caller decides whether a missing parent is NOT_FOUND
 * (one organization) or a field error (bulk), and this reports it as a field error.
 */
export function checkOrganizationRecord(check: InputChecker, draft: OrganizationDraft, today: string, parentOf: (id: string) => OrganizationEntity | undefined): OrganizationRecord | null {
  const name = check.text('name', draft.name as string | null, { required: true, min: 2, max: 100 });
  const kind = check.oneOf('kind', draft.kind as string | null, OrganizationKind, { required: true });
  const level = check.oneOf('level', draft.level as string | null, OrganizationLevel, { required: true });
  if (kind && level && !LEVELS_BY_KIND[kind].includes(level)) {
    check.fail('level', `a ${kind} exists only at level ${LEVELS_BY_KIND[kind].join(' or ')}, not ${level}`);
  }

  let districtCode: string | undefined;
  if (level === OrganizationLevel.CITY) {
    districtCode = check.district('districtCode', draft.districtCode as string | null, { required: true });
    if (districtCode && districtCode !== CITY.code) {
      check.fail('districtCode', `must be ${CITY.code} (${CITY.name}) for a city-level body, not ${districtCode} (${findDistrict(districtCode)?.name})`);
      districtCode = undefined;
    }
  } else {
    districtCode = check.district('districtCode', draft.districtCode as string | null, { required: true, countyLevel: true });
  }

  const hasStreet = level === OrganizationLevel.STREET || level === OrganizationLevel.COMMUNITY;
  const streetCode = check.street('streetCode', draft.streetCode as string | null, districtCode);
  if (level && hasStreet && !streetCode && !check.errors.some((e) => e.field === check.path('streetCode'))) {
    check.fail('streetCode', `is required for a ${level}-level body: name the street or town it works in`);
  }
  if (level && !hasStreet && streetCode) check.fail('streetCode', `is only for street- and community-level bodies, not ${level}`);

  const community = check.text('community', draft.community as string | null, { max: 50 });
  if (level === OrganizationLevel.COMMUNITY && !community) check.fail('community', 'is required for a community-level body: name the community');
  if (level && level !== OrganizationLevel.COMMUNITY && community) check.fail('community', `is only for community-level bodies, not ${level}`);

  const description = check.text('description', draft.description as string | null, { max: 500 });
  const foundedOn = check.date('foundedOn', draft.foundedOn as string | null, { notAfter: today, notBefore: EARLIEST_DATE });

  const parentId = check.id('parentId', draft.parentId as string | null, { required: false });
  if (kind === OrganizationKind.JOINT_MEETING_MEMBER_UNIT && !parentId && !check.errors.some((e) => e.field === check.path('parentId'))) {
    check.fail('parentId', 'is required for a member unit: name the JOINT_MEETING it belongs to');
  }
  if (parentId) {
    const parent = parentOf(parentId);
    if (!parent) check.fail('parentId', `no organization has the id ${parentId}`);
    else checkParent(check, { kind, level, districtCode, streetCode, community }, parent);
  }

  const isUnit = kind === OrganizationKind.JOINT_MEETING_MEMBER_UNIT;
  let unitRole = check.oneOf('unitRole', draft.unitRole as string | null, JointMeetingUnitRole);
  const contactName = check.text('contactName', draft.contactName as string | null, { min: 2, max: 50 });
  const contactPhone = checkPhone(check, 'contactPhone', draft.contactPhone as string | null);
  if (kind && !isUnit) {
    for (const [field, value] of [
      ['unitRole', unitRole],
      ['contactName', contactName],
      ['contactPhone', contactPhone],
    ] as const) {
      if (value) check.fail(field, `is only for a JOINT_MEETING_MEMBER_UNIT, not a ${kind}`);
    }
  }
  if (isUnit && !unitRole) unitRole = JointMeetingUnitRole.MEMBER;

  if (!check.ok) return null;
  return {
    name: name!,
    kind: kind!,
    level: level!,
    districtCode: districtCode!,
    streetCode: emptyToNull(streetCode),
    community: emptyToNull(community),
    parentId: emptyToNull(parentId),
    description: emptyToNull(description),
    foundedOn: emptyToNull(foundedOn),
    unitRole: isUnit ? unitRole! : null,
    contactName: emptyToNull(contactName),
    contactPhone: emptyToNull(contactPhone),
  };
}

/** A phone number with its spaces removed, or undefined (and a problem recorded when it is malformed). */
function checkPhone(check: InputChecker, field: string, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const normalized = value.replace(/\s+/g, '');
  if (normalized === '') return undefined;
  if (!PHONE.test(normalized)) {
    check.fail(field, 'must be a mobile number of 11 digits (13812345678) or a landline with its area code (0577-88960000)');
    return undefined;
  }
  return normalized;
}

/**
 * A parent is of the same or a higher level, and the child lies within the parent's area: the
 * same district unless the parent is city-level, the same street and community when the parent
 * has one. Member units belong to a joint meeting; the other kinds to the kinds of PARENT_KINDS
 * (checked last, so a parent that is wrong for several reasons is named once).
 */
function checkParent(
  check: InputChecker,
  child: { kind?: OrganizationKind; level?: OrganizationLevel; districtCode?: string; streetCode?: string; community?: string },
  parent: OrganizationEntity,
): void {
  const named = `${parent.name} (${parent.kind}, ${parent.level})`;
  if (child.kind === OrganizationKind.JOINT_MEETING_MEMBER_UNIT && parent.kind !== OrganizationKind.JOINT_MEETING) {
    check.fail('parentId', `must be a JOINT_MEETING for a member unit; ${named} is not`);
  }
  if (!child.level) return;
  if (LEVEL_RANK[parent.level as OrganizationLevel] < LEVEL_RANK[child.level]) {
    check.fail('parentId', `${named} is of a lower level than ${child.level}: a parent must be of the same or a higher level`);
    return;
  }
  if (parent.level !== OrganizationLevel.CITY && child.districtCode && parent.districtCode !== child.districtCode) {
    check.fail('parentId', `${named} lies in district ${parent.districtCode}, not ${child.districtCode}: only a city-level parent may be in another district`);
  } else if (parent.streetCode && child.streetCode && parent.streetCode !== child.streetCode) {
    check.fail('parentId', `${named} works in street ${parent.streetCode}, not ${child.streetCode}: a child lies in its parent's street`);
  } else if (parent.community && child.community && parent.community !== child.community) {
    check.fail('parentId', `${named} works in community ${parent.community}, not ${child.community}: a child lies in its parent's community`);
  } else if (child.kind && child.kind !== OrganizationKind.JOINT_MEETING_MEMBER_UNIT && !PARENT_KINDS[child.kind].includes(parent.kind as OrganizationKind)) {
    // The work structure of §9–§11: associations under associations of their kind, working bodies under the body that directs them.
    check.fail('parentId', `a ${child.kind} belongs to a ${PARENT_KINDS[child.kind].join(' or ')}; ${named} is not`);
  }
}
