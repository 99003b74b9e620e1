import { Role, Viewer } from '../context';
import { ForbiddenError } from '../errors';
import { DISTRICTS } from '../regions/districts';

/**
 * The questions services ask before they read or write (docs/SECURITY.md, "1. Roles in the
 * services"). Pure functions of the viewer: no database, no request. Each `assert…` throws a
 * ForbiddenError whose message says who the caller is and what they may not do.
 *
 * The system viewer (demo data, command-line imports) may do everything.
 */

/** Districts a viewer's records are limited to: every district, some, or none. */
export type DistrictScope = readonly string[] | 'ALL' | 'NONE';

const districtNames = new Map(DISTRICTS.map((d) => [d.code, d.name]));

/** `鹿城区 (330302)`, or the bare code when it names no district. */
export function districtLabel(code: string): string {
  const name = districtNames.get(code);
  return name ? `${name} (${code})` : code;
}

/** Who the viewer is, as a message names them: "A district administrator of 鹿城区 (330302)". */
export function describeViewer(viewer: Viewer): string {
  if (viewer.system) return 'The system';
  if (viewer.service) return `The ${viewer.service} service identity`;
  switch (viewer.role) {
    case Role.CITY_ADMIN:
      return 'A city administrator';
    case Role.DISTRICT_ADMIN:
      return `A district administrator of ${viewer.districtCode ? districtLabel(viewer.districtCode) : 'no district'}`;
    case Role.ASSOCIATION_ADMIN:
      return 'An association administrator';
    case Role.ANALYST:
      return 'An analyst';
    case Role.PERSON:
      return 'A person';
    default:
      return 'A caller without a role';
  }
}

/**
 * Districts whose district-held records (the register, organizations' registrations) a viewer
 * may read as a whole. A person and an association administrator hold no district: what they
 * read is decided record by record (their own record, their organization's members).
 */
export function readableDistricts(viewer: Viewer): DistrictScope {
  if (viewer.system) return 'ALL';
  switch (viewer.role) {
    case Role.CITY_ADMIN:
    case Role.ANALYST:
      return 'ALL';
    case Role.DISTRICT_ADMIN:
      return viewer.districtCode ? [viewer.districtCode] : 'NONE';
    default:
      return 'NONE';
  }
}

/** Districts whose records a viewer may change. */
export function writableDistricts(viewer: Viewer): DistrictScope {
  if (viewer.system) return 'ALL';
  switch (viewer.role) {
    case Role.CITY_ADMIN:
      return 'ALL';
    case Role.DISTRICT_ADMIN:
      return viewer.districtCode ? [viewer.districtCode] : 'NONE';
    default:
      return 'NONE';
  }
}

function inScope(scope: DistrictScope, districtCode: string): boolean {
  return scope === 'ALL' || (scope !== 'NONE' && scope.includes(districtCode));
}

/** Refuses a viewer who may read no district's records at all. */
export function assertCanReadAnyDistrict(viewer: Viewer): void {
  if (readableDistricts(viewer) === 'NONE') throw new ForbiddenError(`${describeViewer(viewer)} cannot read the records of districts.`);
}

/** Refuses a viewer who may change no records at all (checked first, before any input is). */
export function assertCanWriteAnyDistrict(viewer: Viewer): void {
  if (writableDistricts(viewer) === 'NONE') {
    const reads = readableDistricts(viewer) !== 'NONE';
    throw new ForbiddenError(`${describeViewer(viewer)} ${reads ? 'can read records but cannot change them' : 'cannot change records'}.`);
  }
}

export function assertCanReadDistrict(viewer: Viewer, districtCode: string): void {
  assertCanReadAnyDistrict(viewer);
  if (!inScope(readableDistricts(viewer), districtCode)) {
    throw new ForbiddenError(`${describeViewer(viewer)} cannot read records of ${districtLabel(districtCode)}.`);
  }
}

/**
 * Refuses a change to a stored record of a district outside the viewer's scope, without naming
 * the record's district (which the caller may not be allowed to read).
 */
export function assertCanWriteRecordIn(viewer: Viewer, districtCode: string): void {
  assertCanWriteAnyDistrict(viewer);
  if (!inScope(writableDistricts(viewer), districtCode)) throw new ForbiddenError(`${describeViewer(viewer)} can change only records of their own district.`);
}

/** Refuses a change in a district (one the caller named) outside the viewer's scope. */
export function assertCanWriteDistrict(viewer: Viewer, districtCode: string): void {
  assertCanWriteAnyDistrict(viewer);
  if (!inScope(writableDistricts(viewer), districtCode)) {
    throw new ForbiddenError(`${describeViewer(viewer)} cannot change records of ${districtLabel(districtCode)}.`);
  }
}

/** What the read rule of a person's record needs to know about the record. */
export interface PersonScope {
  readonly id: string;
  readonly districtCode: string;
}

/** Why an association administrator is refused a person who is not a running member of their organization. */
export const ASSOCIATION_MEMBERS_ONLY = 'An association administrator can read only the running members of their own organization.';

/**
 * The refusal to read one person's record, or null when the viewer may read it: a person reads
 * only themselves; the other roles read by district. Returned rather than thrown so a batch of
 * records (entity references) can refuse row by row.
 *
 * An ASSOCIATION_ADMIN is refused here: they read the running members of their organization
 * only, which the persons subgraph learns from the organizations subgraph (`PersonService`), so
 * the answer for them is not a function of the viewer and the record alone.
 */
export function personReadRefusal(viewer: Viewer, person: PersonScope): ForbiddenError | null {
  if (viewer.system) return null;
  if (viewer.role === Role.PERSON) {
    return viewer.personId === person.id ? null : new ForbiddenError('A person can read only their own record.');
  }
  if (viewer.role === Role.ASSOCIATION_ADMIN) return new ForbiddenError(ASSOCIATION_MEMBERS_ONLY);
  const scope = readableDistricts(viewer);
  if (scope === 'NONE') return new ForbiddenError(`${describeViewer(viewer)} cannot read the register of persons.`);
  // The message does not name the record's district: that is personal data the caller may not read.
  if (!inScope(scope, person.districtCode)) return new ForbiddenError(`${describeViewer(viewer)} can read only records of their own district.`);
  return null;
}

export function assertCanReadPerson(viewer: Viewer, person: PersonScope): void {
  const refusal = personReadRefusal(viewer, person);
  if (refusal) throw refusal;
}

/**
 * The districts a list of the register must be limited to (null: no limit), given the district
 * the caller filtered by. A filter outside the viewer's scope is refused, not narrowed; with no
 * filter a district administrator's list is limited to their district. A person and an
 * association administrator cannot list the register.
 */
export function personListDistricts(viewer: Viewer, districtFilter: string | null | undefined): readonly string[] | null {
  if (viewer.system) return districtFilter ? [districtFilter] : null;
  if (viewer.role === Role.PERSON) throw new ForbiddenError('A person can read only their own record, not lists of the register.');
  if (viewer.role === Role.ASSOCIATION_ADMIN) {
    throw new ForbiddenError('An association administrator cannot list the register: they read their members through Organization.members.');
  }
  const scope = readableDistricts(viewer);
  if (scope === 'NONE') throw new ForbiddenError(`${describeViewer(viewer)} cannot read the register of persons.`);
  if (districtFilter) {
    assertCanReadDistrict(viewer, districtFilter);
    return [districtFilter];
  }
  return scope === 'ALL' ? null : scope;
}

/*
 * Personal records held by a district or an organization: memberships, participations,
 * evaluations. The table of docs/SECURITY.md: city administrators and analysts read all; a
 * district administrator the records of their district; an association administrator those of
 * their organization; a person their own. Which of the last two apply depends on the record
 * (an evaluation is no association's and not shown to the person): the caller says so.
 */

/** Which rows of a personal record type a viewer may read: all, none, or one district, organization or person. */
export type RowScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'district'; readonly districtCode: string }
  | { readonly kind: 'organization'; readonly organizationId: string }
  | { readonly kind: 'person'; readonly personId: string };

/** A personal record as the scope rules see it. */
export interface HeldRecord {
  /** The district that holds the record (the organization's, the activity's, the evaluating department's). */
  readonly districtCode: string;
  /** The organization that holds it, when an association administrator may manage it. */
  readonly organizationId?: string | null;
  /** The person it is about, when they may read it themselves. */
  readonly personId?: string | null;
}

export interface RowScopeRule {
  /** What the records are called in a message: "memberships", "evaluations". */
  readonly what: string;
  /** May an association administrator read and manage the records of their organization? */
  readonly association: boolean;
  /** May a person read their own? */
  readonly person: boolean;
}

/** The rows of a personal record type a viewer may read. */
export function readScope(viewer: Viewer, rule: RowScopeRule): RowScope {
  if (viewer.system) return { kind: 'all' };
  switch (viewer.role) {
    case Role.CITY_ADMIN:
    case Role.ANALYST:
      return { kind: 'all' };
    case Role.DISTRICT_ADMIN:
      return viewer.districtCode ? { kind: 'district', districtCode: viewer.districtCode } : { kind: 'none', reason: `${describeViewer(viewer)} cannot read ${rule.what}.` };
    case Role.ASSOCIATION_ADMIN:
      return rule.association && viewer.organizationId
        ? { kind: 'organization', organizationId: viewer.organizationId }
        : { kind: 'none', reason: `An association administrator cannot read ${rule.what}.` };
    case Role.PERSON:
      return rule.person && viewer.personId ? { kind: 'person', personId: viewer.personId } : { kind: 'none', reason: `A person cannot read ${rule.what}.` };
    default:
      return { kind: 'none', reason: `${describeViewer(viewer)} cannot read ${rule.what}.` };
  }
}

/** The rows of a personal record type a viewer may add, change or end (a person changes none). */
export function writeScope(viewer: Viewer, rule: RowScopeRule): RowScope {
  if (viewer.system) return { kind: 'all' };
  switch (viewer.role) {
    case Role.CITY_ADMIN:
      return { kind: 'all' };
    case Role.DISTRICT_ADMIN:
      return viewer.districtCode ? { kind: 'district', districtCode: viewer.districtCode } : { kind: 'none', reason: `${describeViewer(viewer)} cannot change ${rule.what}.` };
    case Role.ASSOCIATION_ADMIN:
      return rule.association && viewer.organizationId
        ? { kind: 'organization', organizationId: viewer.organizationId }
        : { kind: 'none', reason: `An association administrator cannot change ${rule.what}.` };
    case Role.ANALYST:
      return { kind: 'none', reason: `An analyst can read ${rule.what} but cannot change them.` };
    default:
      return { kind: 'none', reason: `${describeViewer(viewer)} cannot change ${rule.what}.` };
  }
}

/** Is the record inside the scope? */
export function inRowScope(scope: RowScope, record: HeldRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'district':
      return record.districtCode === scope.districtCode;
    case 'organization':
      return record.organizationId != null && record.organizationId === scope.organizationId;
    case 'person':
      return record.personId != null && record.personId === scope.personId;
  }
}

/**
 * The refusal of a record outside the scope (null when inside), naming what was refused:
 * `scopeRefusal(scope, viewer, record, 'change memberships')`.
 */
export function scopeRefusal(scope: RowScope, viewer: Viewer, record: HeldRecord, doing: string): ForbiddenError | null {
  if (inRowScope(scope, record)) return null;
  if (scope.kind === 'none') return new ForbiddenError(scope.reason);
  switch (scope.kind) {
    case 'district':
      return new ForbiddenError(`${describeViewer(viewer)} cannot ${doing} of ${districtLabel(record.districtCode)}.`);
    case 'organization':
      return new ForbiddenError(`An association administrator can ${doing} of their own organization only.`);
    default:
      return new ForbiddenError(`A person can ${doing} of their own only.`);
  }
}

/** Throws the refusal of `scopeRefusal`, if any. */
export function assertInScope(scope: RowScope, viewer: Viewer, record: HeldRecord, doing: string): void {
  const refusal = scopeRefusal(scope, viewer, record, doing);
  if (refusal) throw refusal;
}

/** Refuses a scope that holds nothing (checked first, before any input is). */
export function assertScopeNotEmpty(scope: RowScope): void {
  if (scope.kind === 'none') throw new ForbiddenError(scope.reason);
}

/** The roles that read aggregates: every role but a person. */
const AGGREGATE_READERS: ReadonlySet<Role | null> = new Set([Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.ASSOCIATION_ADMIN, Role.ANALYST]);

/**
 * The refusal to read aggregates (counts for dashboards, `totalCount` of lists a viewer may not
 * page through), or null when allowed: every role but a person, who reads only their own record.
 * Named roles only: a caller without one (a service identity) reads none.
 */
export function aggregateRefusal(viewer: Viewer): ForbiddenError | null {
  if (viewer.system || AGGREGATE_READERS.has(viewer.role)) return null;
  if (viewer.role === Role.PERSON) return new ForbiddenError('A person cannot read statistics of the register.');
  return new ForbiddenError(`${describeViewer(viewer)} cannot read statistics of the register.`);
}

export function assertCanReadAggregates(viewer: Viewer): void {
  const refusal = aggregateRefusal(viewer);
  if (refusal) throw refusal;
}

/**
 * May the viewer set up or change an organization of this district and level? City
 * administrators any; district administrators those of their district below city level; the
 * other roles none (an association administrator manages its members, not the structure).
 */
export function organizationWriteRefusal(viewer: Viewer, org: { readonly districtCode: string; readonly level: string }): ForbiddenError | null {
  if (viewer.system || viewer.role === Role.CITY_ADMIN) return null;
  if (viewer.role === Role.DISTRICT_ADMIN) {
    if (org.level === 'CITY') return new ForbiddenError(`${describeViewer(viewer)} cannot set up or change city-level organizations.`);
    if (org.districtCode !== viewer.districtCode) return new ForbiddenError(`${describeViewer(viewer)} cannot set up or change organizations of ${districtLabel(org.districtCode)}.`);
    return null;
  }
  return new ForbiddenError(`${describeViewer(viewer)} cannot set up or change organizations.`);
}

/** Only city administrators read the audit log. */
export function assertCanReadAuditLog(viewer: Viewer): void {
  if (viewer.system || viewer.role === Role.CITY_ADMIN) return;
  throw new ForbiddenError(`${describeViewer(viewer)} cannot read the audit log: only city administrators can.`);
}

/**
 * The refusal to read a person's full ID or mobile number (null when allowed): city
 * administrators, the district administrators of the person's district and the person themself.
 * Analysts and association administrators see the masked values only. Every full read, allowed or
 * refused, is audited by the caller.
 */
export function sensitiveReadRefusal(viewer: Viewer, person: PersonScope, field: string): ForbiddenError | null {
  if (viewer.system || viewer.role === Role.CITY_ADMIN) return null;
  if (viewer.role === Role.DISTRICT_ADMIN && viewer.districtCode === person.districtCode) return null;
  if (viewer.role === Role.PERSON && viewer.personId === person.id) return null;
  return new ForbiddenError(`${describeViewer(viewer)} may see the ${field} of this person only masked.`);
}
