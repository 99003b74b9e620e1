import { emptyToNull, InputChecker } from '@tongxin/common';
import { OrganizationEntity } from '../organization/organization.entity';
import { OrganizationKind } from '../organization/organization.enums';
import type { MemberDistrictEntity } from '../relations/member-district.entity';
import { EARLIEST_DATE } from '../organization/organization.validation';
import { MembershipRole, ROLES_BY_KIND } from './membership.enums';

/** Every field of a membership a caller gives, as stored. */
export interface MembershipRecord {
  personId: string;
  organizationId: string;
  role: MembershipRole;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  termStart: string | null;
  termEnd: string | null;
}

/** A membership as a caller sends it. The bulk path may also record one that has ended already. */
export type MembershipDraft = { [K in keyof MembershipRecord]?: MembershipRecord[K] | string | null };

/** A person id the replica of the register does not hold: never published, or not yet delivered. */
export const UNKNOWN_PERSON = 'is not a person of the register known here: check the id. A person registered a moment ago becomes known here within seconds: if so, try again shortly';
/** A person the register published as archived (registered nowhere). */
export const ARCHIVED_PERSON = 'is an archived person, no longer in the register: an archived person cannot become a running member';

/** What the replica holds of a person: where they are registered and their status (docs/CROSS-DISTRICT.md). */
export type KnownPerson = Pick<MemberDistrictEntity, 'districtCode' | 'status'>;

/** Whether the replica says the person is archived (a row published before statuses tells it by its null district). */
export function isArchivedPerson(person: KnownPerson): boolean {
  return (person.status ?? (person.districtCode === null ? 'ARCHIVED' : 'ACTIVE')) === 'ARCHIVED';
}

/**
 * Checks a membership and returns the record to store, or null with every problem recorded in
 * `check`. `organizationOf` gives the stored organization of a (well-formed) id, or undefined;
 * `personOf` the replica's row of a person (docs/CROSS-DISTRICT.md), or undefined. The person
 * must be one the replica knows (`UNKNOWN_PERSON`) and, for a running membership, not archived
 * (`ARCHIVED_PERSON`); an ended one (history, addMany) may be of an archived person.
 */
export function checkMembershipRecord(
  check: InputChecker,
  draft: MembershipDraft,
  today: string,
  organizationOf: (id: string) => OrganizationEntity | undefined,
  personOf: (id: string) => KnownPerson | undefined,
): MembershipRecord | null {
  // Persons live in another subgraph, whose tables this one never reads: what it published of them is in the replica.
  const personId = check.id('personId', draft.personId as string | null);
  const person = personId ? personOf(personId) : undefined;
  if (personId && !person) check.fail('personId', UNKNOWN_PERSON);
  const organizationId = check.id('organizationId', draft.organizationId as string | null);
  const organization = organizationId ? organizationOf(organizationId) : undefined;
  if (organizationId && !organization) check.fail('organizationId', `no organization has the id ${organizationId}`);

  const role = check.oneOf('role', draft.role as string | null, MembershipRole, { required: true });
  if (role && organization) {
    const allowed = ROLES_BY_KIND[organization.kind as OrganizationKind];
    if (!allowed.includes(role)) check.fail('role', `${role} is not a role in a ${organization.kind} (allowed: ${allowed.join(', ')})`);
  }

  const startDate = check.date('startDate', (draft.startDate as string | null) ?? today, { notAfter: today, notBefore: EARLIEST_DATE });
  if (startDate && organization?.foundedOn && startDate < organization.foundedOn) {
    check.fail('startDate', `is before ${organization.name} was founded (${organization.foundedOn})`);
  }
  const endDate = check.date('endDate', draft.endDate as string | null, { notAfter: today });
  if (endDate && startDate && endDate < startDate) check.fail('endDate', `must not be before the start date ${startDate}`);
  if (person && isArchivedPerson(person) && !endDate) check.fail('personId', ARCHIVED_PERSON);
  const endReason = check.text('endReason', draft.endReason as string | null, { max: 200 });
  if (endReason && !endDate) check.fail('endReason', 'is only for a membership that has ended: give its endDate');

  const term = checkTerm(check, role, startDate, draft.termStart as string | null, draft.termEnd as string | null);

  if (!check.ok) return null;
  return {
    personId: personId!,
    organizationId: organizationId!,
    role: role!,
    startDate: startDate!,
    endDate: emptyToNull(endDate),
    endReason: emptyToNull(endReason),
    termStart: term.termStart,
    termEnd: term.termEnd,
  };
}

/**
 * The term of office (任期) of an officer's or leader's role: optional; it starts on or after the
 * role's start (the default when only its end is given) and ends after it starts. A MEMBER holds
 * no office, so has no term.
 */
export function checkTerm(
  check: InputChecker,
  role: MembershipRole | undefined,
  roleStart: string | undefined,
  termStartValue: string | null | undefined,
  termEndValue: string | null | undefined,
): { termStart: string | null; termEnd: string | null } {
  let termStart = check.date('termStart', termStartValue);
  const termEnd = check.date('termEnd', termEndValue);
  if ((termStart || termEnd) && role === MembershipRole.MEMBER) {
    check.fail(termStart ? 'termStart' : 'termEnd', 'a MEMBER holds no office and has no term: give a term only for officers and leaders');
  }
  if (termStart && roleStart && termStart < roleStart) check.fail('termStart', `must not be before the start of the role (${roleStart})`);
  if (termEnd && !termStart) termStart = roleStart;
  if (termEnd && termStart && termEnd <= termStart) check.fail('termEnd', `must be after the start of the term (${termStart})`);
  return { termStart: termStart ?? null, termEnd: termEnd ?? null };
}
