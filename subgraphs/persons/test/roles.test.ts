import { makeIdNumber, Role } from '@tongxin/common';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { tokenFor } from '../../../test/harness/auth';
import { expectData, expectEntityOutcomes, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Who may read and change the register (docs/SECURITY.md, "1. Roles in the services"): every
 * role against every operation. An allowed operation succeeds and is audited; a refused one is
 * FORBIDDEN, leaves the register as it was and is audited as refused. The association
 * administrator's reads depend on memberships, which a real organizations subgraph publishes to
 * this subgraph's replica (its outbox, delivered before the reads).
 */

const OWN = '330302'; // 鹿城区: the district administrator's district
const OTHER = '330303'; // 龙湾区

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id districtCode: district { code } version } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id version } } }`;
const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id status } } }`;
const PERSON = `query($id: ID!) { person(id: $id) { id district { code } } }`;
const LIST = `query($f: PersonFilter) { persons(filter: $f, first: 1000) { totalCount edges { node { id district { code } } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } } }`;
const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 1000) { edges { node { action outcome entityId subject detail } } } }`;
const IMPORT = `mutation($rows: [PersonImportRow!]!) { importPersons(rows: $rows) { written registered errors { row column message } } }`;
const EXPORT = `query($f: PersonFilter) { exportPersons(filter: $f) { rowCount } }`;
const STATS = `query($f: PersonFilter) { personStats(groupBy: [DISTRICT], filter: $f) { district { code } count } }`;
const ACTIONS: Record<string, string> = {
  registerPerson: 'registerPerson',
  updatePerson: 'updatePerson',
  archivePerson: 'archivePerson',
  importPersons: 'importPersons',
  exportPersons: 'exportPersons',
};
const EVERYONE = { statuses: ['ACTIVE', 'MOVED_AWAY', 'ARCHIVED'] };

let seq = 0;
/** One row of a registration-form sheet, as importPersons takes it. */
function sheetRow(districtCode: string) {
  const f = form(districtCode);
  return { name: f.name, idNumber: f.idNumber, politicalAffiliation: '无党派人士', category: '中介组织从业人员', profession: '律师', district: districtCode };
}
function form(districtCode: string) {
  seq += 1;
  return {
    name: '林晓',
    idNumber: makeIdNumber(districtCode, '1980-03-04', 700 + seq),
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode,
    streetCode: districtCode === OWN ? '330302006' : null,
  };
}

type Outcome = 'ok' | 'FORBIDDEN';
type Caller = 'city' | 'district' | 'analyst' | 'person' | 'association';

interface Run {
  readonly res: GraphQLResponse;
  /** The record a write aimed at, to check a refusal left it unchanged. */
  readonly target?: string;
}

describe('roles in the persons subgraph', () => {
  let sg: TestSubgraph<PersonsServices>;
  let orgs: TestSubgraph<OrganizationsServices>;
  let ownPerson: string; // of 330302, the PERSON caller's own record and a member of the association
  let otherPerson: string; // of 330303
  const headers = {} as Record<Caller, Record<string, string>>;

  /** A new person registered by the city administrator (the default caller). */
  const registered = async (districtCode: string): Promise<string> => expectData(await sg.request(REGISTER, { input: form(districtCode) })).registerPerson.person.id;
  const registerCount = async (): Promise<number> => expectData(await sg.request(LIST, { f: EVERYONE })).persons.totalCount;
  const asCityAdmin = async (id: string) => expectData(await sg.request(`query($id: ID!) { person(id: $id) { version status district { code } } }`, { id })).person;

  /** The audit events of the persons subgraph with this action and outcome. */
  const audited = async (action: string, outcome: string): Promise<number> => expectData(await sg.request(AUDIT, { f: { subgraph: 'persons', action, outcome } })).auditEvents.edges.length;

  beforeAll(async () => {
    // Each publishes to the other (peers are read at each call: the persons address is filled in once it runs).
    const orgPeers: Record<string, string> = {};
    orgs = await startTestSubgraph(organizationsSubgraph, { peerUrls: orgPeers });
    sg = await startTestSubgraph(personsSubgraph, { peerUrls: { organizations: orgs.running.url } });
    orgPeers.persons = sg.running.url;
    ownPerson = await registered(OWN);
    otherPerson = await registered(OTHER);
    const association = expectData(
      await orgs.request(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`, {
        input: { name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN },
      }),
    ).createOrganization.organization.id;
    expectData(
      await orgs.request(`mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`, {
        input: { personId: ownPerson, organizationId: association, role: 'MEMBER', startDate: '2020-01-01' },
      }),
    );
    await orgs.running.services.outbox.idle();
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: ownPerson });
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: association });
  });
  afterAll(async () => {
    await sg?.stop();
    await orgs?.stop();
  });

  const operations: Record<string, { write: boolean; run: (h: Record<string, string>) => Promise<Run> }> = {
    'person of own district': { write: false, run: async (h) => ({ res: await sg.request(PERSON, { id: ownPerson }, h) }) },
    'person of another district': { write: false, run: async (h) => ({ res: await sg.request(PERSON, { id: otherPerson }, h) }) },
    'persons list, unfiltered': { write: false, run: async (h) => ({ res: await sg.request(LIST, {}, h) }) },
    'persons list filtered to another district': { write: false, run: async (h) => ({ res: await sg.request(LIST, { f: { districtCode: OTHER } }, h) }) },
    'persons list filtered to a street of another district': {
      write: false,
      run: async (h) => ({ res: await sg.request(LIST, { f: { streetCode: '330303001' } }, h) }),
    },
    'registerPerson in own district': { write: true, run: async (h) => ({ res: await sg.request(REGISTER, { input: form(OWN) }, h) }) },
    'registerPerson in another district': { write: true, run: async (h) => ({ res: await sg.request(REGISTER, { input: form(OTHER) }, h) }) },
    'updatePerson of own district': {
      write: true,
      run: async (h) => {
        const id = await registered(OWN);
        return { target: id, res: await sg.request(UPDATE, { input: { id, expectedVersion: 1, employer: '温州律师事务所' } }, h) };
      },
    },
    'updatePerson of another district': {
      write: true,
      run: async (h) => {
        const id = await registered(OTHER);
        return { target: id, res: await sg.request(UPDATE, { input: { id, expectedVersion: 1, employer: '温州律师事务所' } }, h) };
      },
    },
    'updatePerson moving them to another district': {
      write: true,
      run: async (h) => {
        const id = await registered(OWN);
        return { target: id, res: await sg.request(UPDATE, { input: { id, expectedVersion: 1, districtCode: OTHER, streetCode: null } }, h) };
      },
    },
    'archivePerson of own district': {
      write: true,
      run: async (h) => {
        const id = await registered(OWN);
        return { target: id, res: await sg.request(ARCHIVE, { input: { id, expectedVersion: 1 } }, h) };
      },
    },
    'archivePerson of another district': {
      write: true,
      run: async (h) => {
        const id = await registered(OTHER);
        return { target: id, res: await sg.request(ARCHIVE, { input: { id, expectedVersion: 1 } }, h) };
      },
    },
    'importPersons of own district': { write: true, run: async (h) => ({ res: await sg.request(IMPORT, { rows: [sheetRow(OWN)] }, h) }) },
    'exportPersons, unfiltered': { write: false, run: async (h) => ({ res: await sg.request(EXPORT, {}, h) }) },
    'exportPersons of another district': { write: false, run: async (h) => ({ res: await sg.request(EXPORT, { f: { districtCode: OTHER } }, h) }) },
    'personStats, unfiltered': { write: false, run: async (h) => ({ res: await sg.request(STATS, {}, h) }) },
    'personStats of another district': { write: false, run: async (h) => ({ res: await sg.request(STATS, { f: { districtCode: OTHER } }, h) }) },
  };

  const ok = 'ok' as const;
  const no = 'FORBIDDEN' as const;
  // Columns follow `operations`, in order.
  const table: Record<Caller, Outcome[]> = {
    //           own  other list  list↛ street↛ reg  reg↛ upd  upd↛ move arch arch↛ imp  exp  exp↛ stat stat↛
    city: /*  */ [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
    district: /**/ [ok, no, ok, no, no, ok, no, ok, no, no, ok, no, ok, ok, no, ok, no],
    analyst: /**/ [ok, ok, ok, ok, ok, no, no, no, no, no, no, no, no, ok, ok, ok, ok],
    person: /* */ [ok, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no],
    association: [ok, no, no, no, no, no, no, no, no, no, no, no, no, no, no, ok, ok],
  };
  const names = Object.keys(operations);
  const cases = (Object.keys(table) as Caller[]).flatMap((caller) => {
    expect(table[caller]).toHaveLength(names.length);
    return names.map((op, i) => [caller, op, table[caller][i]!] as const);
  });

  it.each(cases)('%s: %s → %s', async (caller, op, outcome) => {
    const { write, run } = operations[op]!;
    const action = Object.keys(ACTIONS).find((a) => op.startsWith(a));
    const before = write ? await registerCount() : 0;
    const auditBefore = action ? { ok: await audited(action, 'SUCCEEDED'), refused: await audited(action, 'REFUSED') } : undefined;
    const { res, target } = await run(headers[caller]);
    const targetAfter = target ? await asCityAdmin(target) : undefined;
    const auditAfter = action ? { ok: await audited(action, 'SUCCEEDED'), refused: await audited(action, 'REFUSED') } : undefined;
    if (outcome === 'ok') {
      expectData(res);
      if (action) expect(auditAfter).toEqual({ ok: auditBefore!.ok + 1, refused: auditBefore!.refused });
      return;
    }
    if (action) expect(auditAfter).toEqual({ ok: auditBefore!.ok, refused: auditBefore!.refused + 1 });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.errors![0]!.message).not.toMatch(/not allowed to do this/); // says who and what
    expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
    if (write) {
      expect(await registerCount()).toBe(before + (target ? 1 : 0)); // only the test's own setup registered
      if (target) expect(targetAfter).toMatchObject({ version: 1, status: 'ACTIVE' });
    }
  });

  it("limits a district administrator's unfiltered list to their district", async () => {
    const all = expectData(await sg.request(LIST, {})).persons;
    const listed = expectData(await sg.request(LIST, {}, headers.district)).persons;
    expect(all.edges.some((e: any) => e.node.district.code === OTHER)).toBe(true);
    expect(listed.totalCount).toBeGreaterThan(0);
    expect(listed.totalCount).toBe(all.edges.filter((e: any) => e.node.district.code === OWN).length);
    expect(listed.edges.every((e: any) => e.node.district.code === OWN)).toBe(true);
  });

  it('tells a district administrator why a change elsewhere is refused', async () => {
    const res = await sg.request(REGISTER, { input: form(OTHER) }, headers.district);
    expect(res.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot change records of 龙湾区 (330303).');
  });

  const entityTable: Record<Caller, [Outcome, Outcome]> = {
    city: [ok, ok],
    district: [ok, no],
    analyst: [ok, ok],
    person: [ok, no],
    association: [ok, no],
  };
  it.each(Object.entries(entityTable))('%s: _entities of a person of own district and one of another → %j, in one statement, refusals audited', async (caller, outcomes) => {
    const ids = [ownPerson, otherPerson];
    const { result, statements } = await sg.statements(() => sg.request(ENTITIES, { r: ids.map((id) => ({ __typename: 'Person', id })) }, headers[caller as Caller]));
    // One read for the batch (an association administrator's membership check one more, on the
    // replica of memberships); refused rows add one audit write for the batch (BEGIN, INSERT, COMMIT).
    expect(statements).toBe((outcomes.includes(no) ? 4 : 1) + (caller === 'association' ? 1 : 0));
    expectEntityOutcomes(result, outcomes, (i) => ({ id: ids[i], name: '林晓' }));
    if (outcomes[1] === no) {
      const [latest] = expectData(await sg.request(AUDIT, { f: { subgraph: 'persons', action: 'readPerson', entityId: otherPerson } })).auditEvents.edges;
      expect(latest.node).toMatchObject({
        outcome: 'REFUSED',
        entityId: otherPerson,
        subject: `test-${Role[caller === 'district' ? 'DISTRICT_ADMIN' : caller === 'person' ? 'PERSON' : 'ASSOCIATION_ADMIN'].toLowerCase()}`,
      });
    }
  });
});
