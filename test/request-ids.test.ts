import { makeIdNumber, Role } from '@tongxin/common';
import { cityAdminHeaders, tokenFor } from './harness/auth';
import { errorCodes, expectData, GraphQLResponse } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Request ids (issue 14 §5): the gateway makes its own id for every request and returns it in
 * `x-request-id`; a client's `x-request-id` is kept only as its own label (`clientRequestId` of
 * the audit events), never as the id. The gateway passes its id to the subgraphs, which take it;
 * a subgraph called without one makes its own.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 1000) { edges { node { subgraph action entityId outcome requestId clientRequestId } } } }`;

interface Event {
  subgraph: string;
  action: string;
  entityId: string | null;
  outcome: string;
  requestId: string;
  clientRequestId: string | null;
}

let p: TestPlatform;
let seq = 0;
const personInput = () => {
  seq += 1;
  return {
    name: '林晓',
    idNumber: makeIdNumber('330302', '1982-06-07', 300 + seq * 2),
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode: '330302',
  };
};

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.stop();
});

/** Posts an operation (as a city administrator unless `headers` say otherwise); the answer and its `x-request-id` header. */
async function send(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await cityAdminHeaders()), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const response = { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) } as GraphQLResponse;
  return { response, requestId: res.headers.get('x-request-id') };
}

async function events(filter: Record<string, unknown>): Promise<Event[]> {
  return expectData(await p.request(AUDIT, { f: filter })).auditEvents.edges.map((e: { node: Event }) => e.node);
}

describe('at the gateway', () => {
  it("makes its own request id, returns it, and keeps the client's x-request-id only as the events' client label, in every subgraph", async () => {
    const person = await send(p.url, REGISTER, { input: personInput() }, { 'x-request-id': 'client-chosen-id-1' });
    const personId = expectData(person.response).registerPerson.person.id as string;
    expect(person.requestId).toMatch(UUID);

    const organization = await send(
      p.url,
      CREATE_ORGANIZATION,
      { input: { name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330302' } },
      { 'x-request-id': 'client-chosen-id-1' },
    );
    const organizationId = expectData(organization.response).createOrganization.organization.id as string;
    expect(organization.requestId).toMatch(UUID);
    expect(organization.requestId).not.toBe(person.requestId);

    expect(await events({ entityId: personId, action: 'registerPerson' })).toEqual([
      expect.objectContaining({ subgraph: 'persons', outcome: 'SUCCEEDED', requestId: person.requestId, clientRequestId: 'client-chosen-id-1' }),
    ]);
    expect(await events({ entityId: organizationId, action: 'createOrganization' })).toEqual([
      expect.objectContaining({ subgraph: 'organizations', outcome: 'SUCCEEDED', requestId: organization.requestId, clientRequestId: 'client-chosen-id-1' }),
    ]);
    // The client's value is nobody's request id.
    expect((await events({})).filter((e) => e.requestId === 'client-chosen-id-1')).toEqual([]);
  });

  it('leaves the client label empty when the client sent none, and cuts a long one to 64 characters', async () => {
    const plain = await send(p.url, REGISTER, { input: personInput() });
    const plainId = expectData(plain.response).registerPerson.person.id as string;
    expect(await events({ entityId: plainId })).toEqual([expect.objectContaining({ requestId: plain.requestId, clientRequestId: null })]);

    const label = `trace-${'x'.repeat(200)}`;
    const long = await send(p.url, REGISTER, { input: personInput() }, { 'x-request-id': label });
    const longId = expectData(long.response).registerPerson.person.id as string;
    expect(await events({ entityId: longId })).toEqual([expect.objectContaining({ requestId: long.requestId, clientRequestId: label.slice(0, 64) })]);
  });

  it('records the label with a refusal too, and answers every request with its id, one refused at the door included', async () => {
    // A district administrator registering a person of another district.
    const token = await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' });
    const forbidden = await send(p.url, REGISTER, { input: { ...personInput(), districtCode: '330303' } }, { 'x-request-id': 'client-refused-1', authorization: `Bearer ${token}` });
    expect(forbidden.requestId).toMatch(UUID);
    expect(errorCodes(forbidden.response)).toEqual(['FORBIDDEN']);
    expect(await events({ action: 'registerPerson', outcome: 'REFUSED' })).toEqual([expect.objectContaining({ requestId: forbidden.requestId, clientRequestId: 'client-refused-1' })]);

    const unauthenticated = await send(p.url, '{ __typename }', {}, { authorization: '', 'x-request-id': 'client-no-token' });
    expect(unauthenticated.response.status).toBe(401);
    expect(unauthenticated.requestId).toMatch(UUID);
  });
});

describe('at a subgraph', () => {
  it('takes the x-request-id the gateway gives and the client label beside it', async () => {
    const direct = await send(p.subgraphs.persons!.url, REGISTER, { input: personInput() }, { 'x-request-id': 'gateway-made-id-7', 'x-client-request-id': 'client-7' });
    const id = expectData(direct.response).registerPerson.person.id as string;
    expect(await events({ entityId: id })).toEqual([expect.objectContaining({ requestId: 'gateway-made-id-7', clientRequestId: 'client-7' })]);
  });

  it('makes its own id when it is given none, or one that is no id (spaces, over 64 characters)', async () => {
    const given: Record<string, string>[] = [{}, { 'x-request-id': 'two words' }, { 'x-request-id': 'y'.repeat(65) }];
    for (const headers of given) {
      const direct = await send(p.subgraphs.persons!.url, REGISTER, { input: personInput() }, headers);
      const id = expectData(direct.response).registerPerson.person.id as string;
      const [event] = await events({ entityId: id });
      expect(event!.requestId).toMatch(UUID);
      expect(event!.clientRequestId).toBeNull();
    }
  });
});
