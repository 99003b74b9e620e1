import { makeIdNumber } from '@tongxin/common';
import { cityAdminHeaders } from './harness/auth';
import { errorCodes, expectData, GraphQLResponse } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * What the gateway and every subgraph check of a request before it runs (issue 14 §5): text that
 * is no text (an unpaired UTF-16 surrogate) in a variable or a string literal is BAD_USER_INPUT
 * naming where it is, and an operation that cannot be picked from the document (an unknown
 * `operationName`, several operations and none named) is a 400, not a 500.
 */

let p: TestPlatform;
let seq = 0;
const personInput = (name: string) => {
  seq += 1;
  return {
    name,
    idNumber: makeIdNumber('330302', '1985-03-04', 100 + seq * 2),
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode: '330302',
  };
};
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id name } } }`;
const IMPORT = `mutation($rows: [PersonImportRow!]!) { importPersons(rows: $rows, dryRun: true) { errors { rowNumber message } } }`;
const COUNT = '{ persons(first: 1) { totalCount } }';

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.stop();
});

type Target = 'gateway' | 'persons subgraph';
/** Where a request goes: through the gateway, or straight to the persons subgraph. */
const urlOf = (target: Target) => (target === 'gateway' ? p.url : p.subgraphs.persons!.url);

/** Posts a raw JSON body as a city administrator. */
async function post(url: string, body: string): Promise<GraphQLResponse> {
  const res = await fetch(url, { method: 'POST', headers: { ...(await cityAdminHeaders()), 'content-type': 'application/json' }, body });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) };
}

const subgraphRequests = () => Object.values(p.subgraphs).reduce((sum, s) => sum + s.http.graphqlRequests(), 0);
const persons = async () => expectData(await p.request(COUNT)).persons.totalCount as number;
const auditEvents = async () => expectData(await p.request('{ auditEvents(first: 1000) { edges { node { id } } } }')).auditEvents.edges.length as number;

/** The refusal of an unpaired surrogate at `field`, and that nothing was written. */
async function expectSurrogateRefused(target: Target, body: string, field: string, unit: string, via = ''): Promise<void> {
  const before = { persons: await persons(), events: await auditEvents(), requests: subgraphRequests() };
  const result = await post(urlOf(target), body);
  expect(result.status).toBe(400);
  expect(result.data ?? undefined).toBeUndefined();
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors![0]!.message).toBe(`${field}: contains ${unit}, half of a UTF-16 surrogate pair without its other half, which is no character: send the text as it was typed${via}`);
  expect(result.errors![0]!.extensions).toMatchObject({ field, fields: [{ field }] });
  // Refused before anything ran: at the gateway, no subgraph was asked.
  if (target === 'gateway') expect(subgraphRequests() - before.requests).toBe(0);
  expect(await persons()).toBe(before.persons);
  expect(await auditEvents()).toBe(before.events);
}

describe('an unpaired UTF-16 surrogate', () => {
  it.each<Target>(['gateway', 'persons subgraph'])('in a variable is refused by the %s, naming its path, and nothing is written', async (target) => {
    const cases: Array<[string, unknown, string, string]> = [
      // [what, variables, field, the unit named]
      ['a lone high surrogate', { input: personInput('林\ud800晓') }, 'variables.input.name', '\\ud800'],
      ['a lone low surrogate', { input: personInput('\udc00林晓') }, 'variables.input.name', '\\udc00'],
      ['a high surrogate at the end', { input: { ...personInput('林晓'), employer: '温州律所\udbff' } }, 'variables.input.employer', '\\udbff'],
      ['a pair the wrong way round', { input: personInput('林\ude00\ud83d晓') }, 'variables.input.name', '\\ude00'],
    ];
    for (const [, variables, field, unit] of cases) await expectSurrogateRefused(target, JSON.stringify({ query: REGISTER, variables }), field, unit);
  });

  it.each<Target>(['gateway', 'persons subgraph'])('in a row of a list is refused by the %s, naming the row', async (target) => {
    const rows = [{ name: '林晓' }, { name: '王\ud800明', employer: '温州' }];
    await expectSurrogateRefused(target, JSON.stringify({ query: IMPORT, variables: { rows } }), 'variables.rows[1].name', '\\ud800');
  });

  it.each<Target>(['gateway', 'persons subgraph'])('in a string literal of the document is refused by the %s, naming the argument', async (target) => {
    const input = personInput('x');
    const literal = `mutation { registerPerson(input: { name: "林\ud800晓", idNumber: "${input.idNumber}", politicalAffiliation: NON_PARTY, category: INTERMEDIARY, profession: LAWYER, districtCode: "330302" }) { person { id } } }`;
    await expectSurrogateRefused(target, JSON.stringify({ query: literal }), 'input.name', '\\ud800', ' (an argument of registerPerson)');
    const nested = `{ __typename persons(first: 1, filter: { statuses: [ACTIVE], text: "王\udfff" }) { totalCount } }`;
    await expectSurrogateRefused(target, JSON.stringify({ query: nested }), 'filter.text', '\\udfff', ' (an argument of persons)');
  });

  it('in a variable of a GET is refused too', async () => {
    const query = 'query($t: String) { persons(first: 1, filter: { text: $t }) { totalCount } }';
    const url = `${p.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ t: '林\ud800' }))}`;
    const res = await fetch(url, { headers: { ...(await cityAdminHeaders()), 'apollo-require-preflight': 'true' } });
    const body = (await res.json()) as Omit<GraphQLResponse, 'status'>;
    expect(res.status).toBe(400);
    expect(body.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'variables.t']]);
  });

  it('is no complaint when it has its other half: a whole pair (an emoji) is text like any other', async () => {
    const { registerPerson } = expectData(await p.request(REGISTER, { input: { ...personInput('林晓'), employer: '温州😀律所' } }));
    expect(registerPerson.person.name).toBe('林晓');
    expect(expectData(await p.request('query($t: String) { persons(first: 1, filter: { text: $t }) { totalCount } }', { t: '😀' })).persons.totalCount).toBe(1);
    // Written as JSON escapes, as a client that escapes everything sends it.
    const escaped = '{"query":"query($t: String) { persons(first: 1, filter: { text: $t }) { totalCount } }","variables":{"t":"\\ud83d\\ude00"}}';
    for (const url of [urlOf('gateway'), urlOf('persons subgraph')]) expect(expectData(await post(url, escaped)).persons.totalCount).toBe(1);
  });
});

describe('an operation that cannot be picked from the document', () => {
  const TWO = 'query Count { persons(first: 1) { totalCount } } query Districts { districts { code } }';

  it.each<Target>(['gateway', 'persons subgraph'])('is a 400 at the %s: an unknown operationName, or several operations and none named', async (target) => {
    const url = urlOf(target);
    const unknown = await post(url, JSON.stringify({ query: TWO, operationName: 'Nope' }));
    expect(unknown.status).toBe(400);
    expect(errorCodes(unknown)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(unknown.errors![0]!.message).toBe('The document has no operation named "Nope".');

    const unnamed = await post(url, JSON.stringify({ query: TWO }));
    expect(unnamed.status).toBe(400);
    expect(errorCodes(unnamed)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(unnamed.errors![0]!.message).toBe('The document holds 2 operations: name the one to run in operationName.');

    const single = await post(url, JSON.stringify({ query: '{ districts { code } }', operationName: 'Nope' }));
    expect(single.status).toBe(400);
    expect(errorCodes(single)).toEqual(['OPERATION_RESOLUTION_FAILURE']);

    expect(expectData(await post(url, JSON.stringify({ query: TWO, operationName: 'Count' })))).toEqual({ persons: { totalCount: expect.any(Number) } });
  });
});
