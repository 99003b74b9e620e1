import { createLogger, randomIds, RequestContext, Role, systemContext, todayInChina } from '@tongxin/common';
import { OrganizationDraft, organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The joint-meeting system (联席会议制度, §11): member units with their part, contact person and
 * phone (masked by role), and the meetings of a joint meeting with attending units and decisions.
 */

const LUCHENG = '330302';
const LONGWAN = '330303';
const TODAY = todayInChina();

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id unitRole contactName contactPhone } } }`;
const CREATE_MEETING = `mutation($input: CreateMeetingInput!) {
  createMeeting(input: $input) { meeting { id heldOn topic version body { id name } attendingUnits { id name } decisions { position text dueDate responsibleUnit { id name } } } }
}`;
const MEETINGS = `query($id: ID!, $first: Int, $after: String) {
  organization(id: $id) { meetings(first: $first, after: $after) { totalCount edges { node { id topic } } pageInfo { hasNextPage endCursor } } }
}`;
const UNIT = `query($id: ID!) { organization(id: $id) { id unitRole contactName contactPhone } }`;

describe('joint meetings, member units and meetings', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let joint: string;
  let units: string[];
  let otherJoint: string;
  let otherUnit: string;
  let association: string;

  const create = async (input: Record<string, unknown>) => expectData(await sg.request(CREATE_ORG, { input })).createOrganization.organization;
  const meetingCount = async (bodyId: string) => expectData(await sg.request(MEETINGS, { id: bodyId, first: 1 })).organization.meetings.totalCount as number;
  const input = (overrides: Record<string, unknown> = {}) => ({
    bodyId: joint,
    heldOn: '2024-05-20',
    topic: '2024年新的社会阶层人士统战工作联席会议',
    attendingUnitIds: [units[0], units[1]],
    decisions: [{ text: '开展新的社会阶层人士情况调查', responsibleUnitId: units[0], dueDate: '2024-12-31' }, { text: '建立联络员制度' }],
    ...overrides,
  });

  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    joint = (await create({ name: '鹿城区新的社会阶层人士统战工作联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: LUCHENG, foundedOn: '2012-03-01' })).id;
    units = [];
    for (const [name, unitRole, contactPhone] of [
      ['鹿城区委统战部', 'CONVENER', '13812345678'],
      ['鹿城区人力社保局', 'MEMBER', '0577-88960000'],
      ['鹿城区民政局', null, null],
    ] as const) {
      units.push((await create({ name, kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: LUCHENG, parentId: joint, unitRole, contactName: '王联络', contactPhone })).id);
    }
    otherJoint = (await create({ name: '龙湾区联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: LONGWAN })).id;
    otherUnit = (await create({ name: '龙湾区委统战部', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: LONGWAN, parentId: otherJoint })).id;
    association = (await create({ name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG })).id;
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('keeps a member unit’s part, contact person and phone; the part defaults to MEMBER', async () => {
    const read = async (id: string) => expectData(await sg.request(UNIT, { id })).organization;
    expect(await read(units[0]!)).toEqual({ id: units[0], unitRole: 'CONVENER', contactName: '王联络', contactPhone: '13812345678' });
    expect(await read(units[2]!)).toEqual({ id: units[2], unitRole: 'MEMBER', contactName: '王联络', contactPhone: null });
    expect(await read(otherUnit)).toMatchObject({ unitRole: 'MEMBER', contactName: null, contactPhone: null });
    expect(await read(joint)).toEqual({ id: joint, unitRole: null, contactName: null, contactPhone: null });
  });

  it.each([
    ['city administrator', { role: Role.CITY_ADMIN }, ['13812345678', '0577-88960000']],
    ['district administrator of the district', { role: Role.DISTRICT_ADMIN, district: LUCHENG }, ['13812345678', '0577-88960000']],
    ['district administrator of another district', { role: Role.DISTRICT_ADMIN, district: LONGWAN }, ['138******78', '0577-******00']],
    ['analyst', { role: Role.ANALYST }, ['138******78', '0577-******00']],
    ['association administrator', { role: Role.ASSOCIATION_ADMIN, org: 'ASSOCIATION' }, ['138******78', '0577-******00']],
    ['person', { role: Role.PERSON, person: randomIds.next() }, ['138******78', '0577-******00']],
  ] as const)('shows a member unit’s contact phone to a %s as %j', async (_label, claims, phones) => {
    const given = claims as Parameters<typeof tokenFor>[0];
    const headers = { authorization: `Bearer ${await tokenFor({ ...given, ...('org' in given ? { org: association } : {}) })}` };
    for (const [i, phone] of phones.entries()) {
      expect(expectData(await sg.request(UNIT, { id: units[i] }, headers)).organization.contactPhone).toBe(phone);
    }
  });

  it('audits every whole read of a contact phone, a page of them in one write; masked reads are not audited', async () => {
    const events = async () =>
      expectData(await sg.request(`{ organizationsAuditEvents(filter: { action: "readContactPhone" }, first: 1000) { events { outcome role entityId } } }`)).organizationsAuditEvents.events;
    const LIST = `query($p: ID!) { organizations(filter: { parentId: $p }) { edges { node { id contactPhone } } } }`;
    const before = (await events()).length;
    const city = { authorization: `Bearer ${await tokenFor({ role: Role.CITY_ADMIN })}` };
    const { result, statements } = await sg.statements(() => sg.request(LIST, { p: joint }, city));
    expect(expectData(result).organizations.edges.map((e: any) => e.node.contactPhone)).toEqual(['13812345678', '0577-88960000', null]);
    const after = await events();
    expect(after.length).toBe(before + 2);
    expect(
      after
        .slice(0, 2)
        .map((e: any) => e.entityId)
        .sort(),
    ).toEqual([units[0], units[1]].sort());
    expect(after[0]).toMatchObject({ outcome: 'SUCCEEDED', role: 'CITY_ADMIN' });
    // The page, then one audit insert (inside its transaction's BEGIN/COMMIT where the driver counts them).
    expect(statements).toBeLessThanOrEqual(4);
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    expectData(await sg.request(LIST, { p: joint }, analyst));
    expect((await events()).length).toBe(before + 2);
  });

  it.each([
    ['a part for a body that is not a member unit', { kind: 'JOINT_MEETING', unitRole: 'CONVENER' }, ['input.unitRole']],
    ['a contact for a body that is not a member unit', { kind: 'JOINT_MEETING', contactName: '王联络', contactPhone: '13812345678' }, ['input.contactName', 'input.contactPhone']],
    ['an unknown part', { unitRole: 'CHAIR' }, null],
    ['a malformed phone', { contactPhone: '12345' }, ['input.contactPhone']],
    ['a contact name of one character', { contactName: '王' }, ['input.contactName']],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, fields) => {
    const before = expectData(await sg.request(`{ organizations { totalCount } }`)).organizations.totalCount;
    const res = await sg.request(CREATE_ORG, { input: { name: '鹿城区司法局', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: LUCHENG, parentId: joint, ...overrides } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    // An unknown enum value is refused by GraphQL itself, before the service.
    if (fields) expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    expect(expectData(await sg.request(`{ organizations { totalCount } }`)).organizations.totalCount).toBe(before);
  });

  it.each([
    [
      'a coordination group under a friendship association',
      () => ({ kind: 'COMMUNITY_COORDINATION_GROUP', level: 'COMMUNITY', streetCode: '330302006', community: '墨池社区', parentId: association }),
    ],
    ['a street leading group under an association', () => ({ kind: 'STREET_LEADING_GROUP', level: 'STREET', streetCode: '330302006', parentId: association })],
    ['an industry association under a friendship association', () => ({ kind: 'INDUSTRY_ASSOCIATION', parentId: association })],
    ['a friendship association under a joint meeting', () => ({ kind: 'FRIENDSHIP_ASSOCIATION', parentId: joint })],
  ])('refuses %s with BAD_USER_INPUT on input.parentId', async (_label, overrides) => {
    const res = await sg.request(CREATE_ORG, { input: { name: '五马街道某组织', level: 'DISTRICT', districtCode: LUCHENG, ...overrides() } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['input.parentId']);
    expect(res.errors![0]!.extensions!.fields[0].message).toMatch(/belongs to a /);
  });

  it('records a meeting with its attending units and decisions, and reads it back', async () => {
    const meeting = expectData(await sg.request(CREATE_MEETING, { input: input() })).createMeeting.meeting;
    expect(meeting).toEqual({
      id: expect.any(String),
      heldOn: '2024-05-20',
      topic: '2024年新的社会阶层人士统战工作联席会议',
      version: 1,
      body: { id: joint, name: '鹿城区新的社会阶层人士统战工作联席会议' },
      attendingUnits: expect.arrayContaining([
        { id: units[0], name: '鹿城区委统战部' },
        { id: units[1], name: '鹿城区人力社保局' },
      ]),
      decisions: [
        { position: 1, text: '开展新的社会阶层人士情况调查', dueDate: '2024-12-31', responsibleUnit: { id: units[0], name: '鹿城区委统战部' } },
        { position: 2, text: '建立联络员制度', dueDate: null, responsibleUnit: null },
      ],
    });
    expect(meeting.attendingUnits).toHaveLength(2);
    const read = expectData(await sg.request(`query($id: ID!) { meeting(id: $id) { id topic attendingUnits { id } decisions { text } } }`, { id: meeting.id })).meeting;
    expect(read).toMatchObject({ id: meeting.id, decisions: [{ text: '开展新的社会阶层人士情况调查' }, { text: '建立联络员制度' }] });
    const audit = expectData(await sg.request(`{ organizationsAuditEvents(filter: { action: "createMeeting" }, first: 1000) { events { outcome entityType entityId } } }`)).organizationsAuditEvents
      .events;
    expect(audit[0]).toEqual({ outcome: 'SUCCEEDED', entityType: 'Meeting', entityId: meeting.id });
    expect(expectData(await sg.request(`query($id: ID!) { meeting(id: $id) { id } }`, { id: randomIds.next() })).meeting).toBeNull();
  });

  const BAD: Array<[string, () => Record<string, unknown>, string[]]> = [
    ['a meeting in the future', () => ({ heldOn: '2999-01-01', decisions: [] }), ['input.heldOn']],
    ['a meeting before the body was founded', () => ({ heldOn: '2011-12-31' }), ['input.heldOn']],
    ['a topic of one character', () => ({ topic: '会' }), ['input.topic']],
    ['a topic of 201 characters', () => ({ topic: '议'.repeat(201) }), ['input.topic']],
    ['no attending unit', () => ({ attendingUnitIds: [] }), ['input.attendingUnitIds']],
    ['a unit of another joint meeting', () => ({ attendingUnitIds: [units[0], otherUnit] }), ['input.attendingUnitIds[1]']],
    ['the body itself as a unit', () => ({ attendingUnitIds: [joint] }), ['input.attendingUnitIds[0]']],
    ['a malformed unit id', () => ({ attendingUnitIds: ['x'] }), ['input.attendingUnitIds[0]']],
    ['the same unit twice', () => ({ attendingUnitIds: [units[0], units[1], units[0]] }), ['input.attendingUnitIds[2]']],
    ['101 units', () => ({ attendingUnitIds: Array.from({ length: 101 }, () => randomIds.next()) }), ['input.attendingUnitIds']],
    ['a decision without text', () => ({ decisions: [{ text: ' ' }] }), ['input.decisions[0].text']],
    ['a decision of 501 characters', () => ({ decisions: [{ text: '定'.repeat(501) }] }), ['input.decisions[0].text']],
    ['a decision for a unit of another joint meeting', () => ({ decisions: [{ text: '调研', responsibleUnitId: otherUnit }] }), ['input.decisions[0].responsibleUnitId']],
    ['a decision due before the meeting', () => ({ decisions: [{ text: '调研' }, { text: '走访', dueDate: '2024-05-19' }] }), ['input.decisions[1].dueDate']],
    ['51 decisions', () => ({ decisions: Array.from({ length: 51 }, () => ({ text: '调研' })) }), ['input.decisions']],
    ['a body that is not a joint meeting', () => ({ bodyId: association }), ['input.bodyId']],
    ['a malformed body, and every other problem', () => ({ bodyId: 'x', topic: '', attendingUnitIds: [units[0], units[0]] }), ['input.bodyId', 'input.topic', 'input.attendingUnitIds[1]']],
    [
      'several problems at once',
      () => ({ heldOn: '2011-01-01', topic: '', decisions: [{ text: '', dueDate: '2010-12-31' }] }),
      ['input.heldOn', 'input.topic', 'input.decisions[0].text', 'input.decisions[0].dueDate'],
    ],
  ];
  it.each(BAD)('refuses %s with BAD_USER_INPUT naming each field, and writes nothing', async (_label, overrides, fields) => {
    const before = await meetingCount(joint);
    const failedBefore = expectData(await sg.request(`{ organizationsAuditEvents(filter: { action: "createMeeting", outcome: FAILED }, first: 1000) { events { id } } }`)).organizationsAuditEvents
      .events.length;
    const res = await sg.request(CREATE_MEETING, { input: input(overrides()) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    expect(await meetingCount(joint)).toBe(before);
    const failedAfter = expectData(await sg.request(`{ organizationsAuditEvents(filter: { action: "createMeeting", outcome: FAILED }, first: 1000) { events { id } } }`)).organizationsAuditEvents
      .events.length;
    expect(failedAfter).toBe(failedBefore + 1);
  });

  it('refuses a date that does not exist, as GraphQL reads it, naming the field', async () => {
    const before = await meetingCount(joint);
    const res = await sg.request(CREATE_MEETING, { input: input({ heldOn: '2024-02-30' }) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.message).toMatch(/heldOn/);
    expect(await meetingCount(joint)).toBe(before);
  });

  it('refuses an unknown body with NOT_FOUND', async () => {
    expect(errorCodes(await sg.request(CREATE_MEETING, { input: input({ bodyId: randomIds.next() }) }))).toEqual(['NOT_FOUND']);
  });

  it('pages a body’s meetings in the order recorded; other kinds have none', async () => {
    const body = (await create({ name: '瑞安市联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: '330381' })).id;
    const unit = (await create({ name: '瑞安市委统战部', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: '330381', parentId: body })).id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(expectData(await sg.request(CREATE_MEETING, { input: { bodyId: body, heldOn: TODAY, topic: `第${i + 1}次会议`, attendingUnitIds: [unit] } })).createMeeting.meeting.id);
    }
    const first = expectData(await sg.request(MEETINGS, { id: body, first: 3 })).organization.meetings;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 3));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = expectData(await sg.request(MEETINGS, { id: body, first: 3, after: first.pageInfo.endCursor })).organization.meetings;
    expect(rest.edges.map((e: any) => e.node.id)).toEqual(ids.slice(3));
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(expectData(await sg.request(MEETINGS, { id: association, first: 3 })).organization.meetings).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('records many meetings at once, all or nothing, with one audit event', async () => {
    const ctx = systemContext();
    const before = await meetingCount(joint);
    const good = { bodyId: joint, heldOn: '2024-01-05', topic: '批量会议', attendingUnitIds: [units[0]!], decisions: [{ text: '调研', responsibleUnitId: units[1]! }] };
    await expect(
      sg.running.services.meetings.createMany(ctx, [good, { ...good, bodyId: association }, { ...good, attendingUnitIds: [otherUnit] }, { ...good, bodyId: randomIds.next() }]),
    ).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'rows[1].bodyId', message: expect.stringContaining('JOINT_MEETING') },
          { field: 'rows[1].attendingUnitIds[0]', message: expect.any(String) },
          { field: 'rows[1].decisions[0].responsibleUnitId', message: expect.any(String) },
          { field: 'rows[2].attendingUnitIds[0]', message: expect.any(String) },
          { field: 'rows[3].bodyId', message: expect.stringContaining('no organization') },
        ],
      },
    });
    expect(await meetingCount(joint)).toBe(before);
    const ids = await sg.running.services.meetings.createMany(ctx, [good, { ...good, topic: '批量会议二', decisions: [] }]);
    expect(ids).toHaveLength(2);
    expect(await meetingCount(joint)).toBe(before + 2);
    const audit = expectData(await sg.request(`{ organizationsAuditEvents(filter: { action: "createMany" }, first: 1) { events { outcome entityType detail } } }`)).organizationsAuditEvents.events;
    expect(audit[0]).toEqual({ outcome: 'SUCCEEDED', entityType: 'Meeting', detail: '2 records' });
    const district = new RequestContext({
      requestId: `test-${randomIds.next()}`,
      viewer: { subject: 'test-bulk', system: false, role: Role.DISTRICT_ADMIN, districtCode: LONGWAN, organizationId: null, personId: null },
      log: createLogger('test', 'silent'),
      createLoaders: () => {
        throw new Error('no loaders');
      },
    });
    await expect(sg.running.services.meetings.createMany(district, [good])).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/^rows\[0\]: /) });
  });

  it('reads the meetings of many bodies, with units and decisions, in as many statements for 40 meetings as for 4', async () => {
    const ctx = systemContext();
    const run = async (bodies: number) => {
      const districts = ['330324', '330326', '330327', '330328'];
      const bodyIds = await sg.running.services.organizations.createMany(
        ctx,
        Array.from({ length: bodies }, (_, i) => ({ name: `联席会议${randomIds.next().slice(-6)}`, kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: districts[i % 4] }) as OrganizationDraft),
      );
      const unitIds = await sg.running.services.organizations.createMany(
        ctx,
        bodyIds.flatMap((b, i) =>
          [0, 1].map((k) => ({ name: `成员单位${i}-${k}`, kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: districts[i % 4], parentId: b }) as OrganizationDraft),
        ),
      );
      for (const [i, bodyId] of bodyIds.entries()) {
        for (let m = 0; m < 2; m++) {
          await sg.running.services.meetings.create(ctx, {
            bodyId,
            heldOn: '2024-01-0' + (m + 1),
            topic: `会议${m}`,
            attendingUnitIds: [unitIds[2 * i]!, unitIds[2 * i + 1]!],
            decisions: [{ text: '调研', responsibleUnitId: unitIds[2 * i]! }, { text: '走访' }],
          });
        }
      }
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
        id meetings(first: 5) { totalCount edges { node { id body { id } attendingUnits { id name } decisions { text responsibleUnit { id } } } } }
      } } }`;
      return sg.statements(() => sg.request(query, { r: bodyIds.map((id) => ({ __typename: 'Organization', id })) }));
    };
    const small = await run(2);
    const large = await run(20);
    expect(expectData(large.result)._entities).toHaveLength(20);
    expect(expectData(large.result)._entities[19].meetings.edges[1].node.decisions).toHaveLength(2);
    expect(large.statements).toBe(small.statements);
    // The bodies; the meetings' id pages and rows; their count; attendance, decisions and the units
    // they name (the meetings' bodies are loaded already).
    expect(large.statements).toBe(7);
  });
});
