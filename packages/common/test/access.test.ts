import {
  aggregateRefusal,
  assertCanReadAggregates,
  assertCanReadAuditLog,
  assertCanReadDistrict,
  assertCanReadPerson,
  assertCanWriteAnyDistrict,
  assertCanWriteDistrict,
  ErrorCode,
  ForbiddenError,
  personListDistricts,
  personReadRefusal,
  readableDistricts,
  readScope,
  Role,
  SYSTEM_VIEWER,
  Viewer,
  writableDistricts,
} from '../src';

const ME = '01900000-0000-7000-8000-000000000001';
const OTHER = '01900000-0000-7000-8000-000000000002';

function viewer(role: Role, scope: Partial<Viewer> = {}): Viewer {
  return { subject: `test-${role}`, system: false, role, districtCode: null, organizationId: null, personId: null, ...scope };
}

const city = viewer(Role.CITY_ADMIN);
const lucheng = viewer(Role.DISTRICT_ADMIN, { districtCode: '330302' });
const analyst = viewer(Role.ANALYST);
const person = viewer(Role.PERSON, { personId: ME });
const association = viewer(Role.ASSOCIATION_ADMIN, { organizationId: OTHER });
const roleless: Viewer = { ...city, role: null };

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).code).toBe(ErrorCode.FORBIDDEN);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('district scopes', () => {
  it.each([
    ['system', 'ALL', 'ALL', SYSTEM_VIEWER],
    ['city admin', 'ALL', 'ALL', city],
    ['district admin', ['330302'], ['330302'], lucheng],
    ['analyst', 'ALL', 'NONE', analyst],
    ['person', 'NONE', 'NONE', person],
    ['association admin', 'NONE', 'NONE', association],
    ['a viewer without a role', 'NONE', 'NONE', roleless],
  ])('%s reads %j and writes %j', (_label, reads, writes, v) => {
    expect(readableDistricts(v)).toEqual(reads);
    expect(writableDistricts(v)).toEqual(writes);
  });

  it('lets a district administrator read and write their own district only, saying why', () => {
    expect(() => assertCanReadDistrict(lucheng, '330302')).not.toThrow();
    expect(() => assertCanWriteDistrict(lucheng, '330302')).not.toThrow();
    expect(refusal(() => assertCanWriteDistrict(lucheng, '330303'))).toBe('A district administrator of 鹿城区 (330302) cannot change records of 龙湾区 (330303).');
    expect(refusal(() => assertCanReadDistrict(lucheng, '330303'))).toBe('A district administrator of 鹿城区 (330302) cannot read records of 龙湾区 (330303).');
  });

  it('lets the city administrator and the system do everything', () => {
    for (const v of [city, SYSTEM_VIEWER]) {
      expect(() => assertCanWriteDistrict(v, '330303')).not.toThrow();
      expect(() => assertCanReadDistrict(v, '330303')).not.toThrow();
    }
  });

  it('refuses every write of an analyst, a person and an association administrator', () => {
    expect(refusal(() => assertCanWriteAnyDistrict(analyst))).toBe('An analyst can read records but cannot change them.');
    expect(refusal(() => assertCanWriteDistrict(analyst, '330302'))).toMatch(/^An analyst/);
    expect(refusal(() => assertCanWriteDistrict(person, '330302'))).toBe('A person cannot change records.');
    expect(refusal(() => assertCanWriteDistrict(association, '330302'))).toBe('An association administrator cannot change records.');
    expect(refusal(() => assertCanWriteDistrict(roleless, '330302'))).toBe('A caller without a role cannot change records.');
  });
});

describe('persons', () => {
  const mine = { id: ME, districtCode: '330302' };
  const theirs = { id: OTHER, districtCode: '330303' };

  it.each([
    ['system', true, true, SYSTEM_VIEWER],
    ['city admin', true, true, city],
    ['district admin', true, false, lucheng],
    ['analyst', true, true, analyst],
    ['person', true, false, person],
    ['association admin', false, false, association],
    ['a viewer without a role', false, false, roleless],
  ])("%s reads their own (or own district's) record: %s, another district's: %s", (_label, own, other, v) => {
    expect(personReadRefusal(v, mine) === null).toBe(own);
    expect(personReadRefusal(v, theirs) === null).toBe(other);
  });

  it('names the reason of a refused read', () => {
    expect(refusal(() => assertCanReadPerson(person, theirs))).toBe('A person can read only their own record.');
    expect(refusal(() => assertCanReadPerson(lucheng, theirs))).toBe('A district administrator of 鹿城区 (330302) can read only records of their own district.');
    expect(personReadRefusal(association, mine)?.code).toBe(ErrorCode.FORBIDDEN);
  });

  it('limits or refuses lists', () => {
    expect(personListDistricts(SYSTEM_VIEWER, undefined)).toBeNull();
    expect(personListDistricts(city, null)).toBeNull();
    expect(personListDistricts(city, '330303')).toEqual(['330303']);
    expect(personListDistricts(analyst, '330303')).toEqual(['330303']);
    expect(personListDistricts(lucheng, null)).toEqual(['330302']);
    expect(personListDistricts(lucheng, '330302')).toEqual(['330302']);
    expect(refusal(() => personListDistricts(lucheng, '330303'))).toMatch(/cannot read records of 龙湾区 \(330303\)/);
    expect(refusal(() => personListDistricts(person, null))).toMatch(/^A person can read only their own record/);
    expect(refusal(() => personListDistricts(association, null))).toMatch(/^An association administrator/);
    expect(refusal(() => personListDistricts(roleless, null))).toMatch(/^A caller without a role/);
  });
});

describe('the service identity (role SERVICE, claim svc): no role, so no rule lets it in', () => {
  const service: Viewer = { subject: 'service:persons', system: false, role: null, districtCode: null, organizationId: null, personId: null, service: 'persons' };

  it('reads no aggregates (memberCount, memberStats, organizationStats, participantCount, activityStats, activitySummary, personStats)', () => {
    expect(refusal(() => assertCanReadAggregates(service))).toBe('The persons service identity cannot read statistics of the register.');
    expect(aggregateRefusal(service)?.message).toBe('The persons service identity cannot read statistics of the register.');
    expect(refusal(() => assertCanReadAggregates(roleless))).toBe('A caller without a role cannot read statistics of the register.');
    expect(refusal(() => assertCanReadAggregates(person))).toBe('A person cannot read statistics of the register.');
    for (const v of [city, lucheng, analyst, association, SYSTEM_VIEWER]) expect(aggregateRefusal(v)).toBeNull();
  });

  it('reads no district, no row, no audit log, and writes nothing', () => {
    expect(readableDistricts(service)).toBe('NONE');
    expect(writableDistricts(service)).toBe('NONE');
    expect(readScope(service, { what: 'memberships', association: true, person: true })).toEqual({ kind: 'none', reason: 'The persons service identity cannot read memberships.' });
    expect(refusal(() => assertCanReadAuditLog(service))).toBe('The persons service identity cannot read the audit log: only city administrators can.');
    expect(refusal(() => assertCanWriteAnyDistrict(service))).toBe('The persons service identity cannot change records.');
    expect(personListDistricts.bind(null, service, null)).toThrow(ForbiddenError);
  });
});
