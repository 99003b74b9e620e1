import * as fs from 'node:fs';
import { ConfigError, createLogger, makeIdNumber, Role } from '@tongxin/common';
import { createGateway, DEFAULT_GATEWAY_LIMITS, Gateway, GatewayLimits, gatewayLimitsFromEnv } from '@tongxin/gateway';
import { SUPERGRAPH_PATH } from '@tongxin/platform';
import { Lexer, Source, TokenKind } from 'graphql';
import { cityAdminHeaders, TEST_AUTH, tokenFor } from '../../test/harness/auth';
import { errorCodes, expectData, GraphQLResponse } from '../../test/harness/graphql-client';
import { startTestPlatform, TestPlatform } from '../../test/harness/platform';

/**
 * The gateway's operation limits: each one refuses an operation just over it with a coded error
 * naming the limit, before anything reaches a subgraph, and lets one just under it through.
 */

let p: TestPlatform;
const extraGateways: Gateway[] = [];

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await Promise.all(extraGateways.map((g) => g.stop()));
  await p?.stop();
});

/** GraphQL requests all four subgraphs have received so far. */
const subgraphRequests = () => Object.values(p.subgraphs).reduce((sum, s) => sum + s.http.graphqlRequests(), 0);

/** Runs `work` and says how many GraphQL requests reached the subgraphs meanwhile. */
async function reaching<T>(work: () => Promise<T>): Promise<{ result: T; reached: number }> {
  const before = subgraphRequests();
  const result = await work();
  return { result, reached: subgraphRequests() - before };
}

/** Posts a raw body to a gateway as the harness's default caller. */
async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await fetch(url, { method: 'POST', headers: { ...(await cityAdminHeaders()), 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) };
}

/** Another gateway over the platform's subgraphs, with other limits or in production mode. */
async function startGateway(opts: { limits?: Partial<GatewayLimits>; production?: boolean }): Promise<string> {
  const gateway = await createGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: p.gateway.subgraphUrls,
    log: createLogger('gateway', process.env.LOG_LEVEL ?? 'silent'),
    auth: TEST_AUTH,
    limits: { ...DEFAULT_GATEWAY_LIMITS, ...opts.limits },
    production: opts.production,
  });
  extraGateways.push(gateway);
  return `http://127.0.0.1:${await gateway.http.listen(0, '127.0.0.1')}/graphql`;
}

const body = (query: string) => JSON.stringify({ query });

function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** Operations (as request bodies) of exactly `n` of what a limit counts. */
const exactly = {
  /** organizations(1) › edges { node }(2) › parent… › id(n): a connection's edges and node are one level. */
  depth: (n: number) => body(`{ organizations(first: 1) { edges { node { ${'parent { '.repeat(n - 3)}id${' }'.repeat(n - 3)} } } } }`),
  aliases: (n: number) => body(`{ ${Array.from({ length: n }, (_, i) => `a${i}: persons(first: 1) { totalCount }`).join(' ')} }`),
  directives: (n: number) => body(`{ persons(first: 1) { totalCount } ${'__typename @skip(if: false) '.repeat(n)}}`),
  /**
   * Padded with values of a variable's default, one token each (repeated fields would trip
   * graphql-js's own budget for comparing them); the variable is given, so the default is unused.
   */
  tokens: (n: number) => {
    const query = (k: number) => `query($s: [PersonStatus!] = [${' ACTIVE'.repeat(k)} ]) { persons(first: 1, filter: { statuses: $s }) { totalCount } }`;
    return JSON.stringify({ query: query(n - tokenCount(query(0))), variables: { s: ['ACTIVE'] } });
  },
  /**
   * persons(first: 1000) costs 1 + 1000 × (1 edge + 1 person + participations(first: b): 1 + b × 2),
   * activities(first: c) 1 + c. Small costs need only the second.
   */
  cost: (n: number) => {
    if (n <= 1001) return body(`{ activities(first: ${n - 1}) { edges { cursor } } }`);
    const b = Math.floor((n - 3002) / 2000);
    const c = n - 2 - 1000 * (3 + 2 * b);
    if (b > 1000 || c > 1000) throw new Error(`no operation of cost ${n} with pages of at most 1000`);
    return body(`{ persons(first: 1000) { edges { node { participations(first: ${b}) { edges { node { id } } } } } } activities(first: ${c}) { edges { cursor } } }`);
  },
  /** A small query padded with a comment (not a token) to a document of `n` bytes (one of them a 2-byte character). */
  documentBytes: (n: number) => {
    const query = '{ persons(first: 1) { totalCount } }\n# é';
    return body(query + 'x'.repeat(n - Buffer.byteLength(query)));
  },
  /** A small query and a variable it does not use (values travel as variables), to `n` bytes of JSON. */
  bodyBytes: (n: number) => {
    const padded = (pad: string) => JSON.stringify({ query: '{ persons(first: 1) { totalCount } }', variables: { pad } });
    return padded('x'.repeat(n - Buffer.byteLength(padded(''))));
  },
};

type Limit = 'maxDepth' | 'maxCost' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxDocumentBytes' | 'maxBodyBytes';

/** Each limit: a small value for a gateway of its own, the operation of size n, and the refusal of n + 1. */
const LIMITS: Array<{ limit: Limit; small: number; make: (n: number) => string; status: number; code: string; message: (n: number) => string }> = [
  { limit: 'maxDepth', small: 5, make: exactly.depth, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Query depth limit of ${n} exceeded, found ${n + 1}.` },
  { limit: 'maxCost', small: 100, make: exactly.cost, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Query cost limit of ${n} exceeded, found ${n + 1}.` },
  { limit: 'maxAliases', small: 3, make: exactly.aliases, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Aliases limit of ${n} exceeded, found ${n + 1}.` },
  { limit: 'maxDirectives', small: 3, make: exactly.directives, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Directives limit of ${n} exceeded, found ${n + 1}.` },
  { limit: 'maxTokens', small: 40, make: exactly.tokens, status: 400, code: 'GRAPHQL_PARSE_FAILED', message: (n) => `Syntax Error: Document contains more that ${n} tokens. Parsing aborted.` },
  {
    limit: 'maxDocumentBytes',
    small: 300,
    make: exactly.documentBytes,
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: (n) => `The query document is larger than ${n} bytes: send large values as variables.`,
  },
  { limit: 'maxBodyBytes', small: 200, make: exactly.bodyBytes, status: 413, code: 'PAYLOAD_TOO_LARGE', message: (n) => `The request body is larger than ${n} bytes.` },
];

async function expectLimit(url: string, { make, status, code, message }: (typeof LIMITS)[number], n: number): Promise<void> {
  const under = await reaching(() => post(url, make(n)));
  expectData(under.result);
  expect(under.reached).toBeGreaterThan(0);

  const over = await reaching(() => post(url, make(n + 1)));
  expect(over.result.status).toBe(status);
  expect(over.result.data).toBeUndefined();
  expect(errorCodes(over.result)).toEqual([code]);
  expect(over.result.errors![0]!.message).toBe(message(n));
  expect(over.reached).toBe(0);
}

describe('each limit refuses an operation just over it, before any subgraph, and passes one just under it', () => {
  it.each(LIMITS.map((l) => [l.limit, l.small, l] as const))('%s = %d', async (limit, small, l) => {
    const url = await startGateway({ limits: { [limit]: small } });
    await expectLimit(url, l, small);
  });

  it.each(LIMITS.map((l) => [l.limit, DEFAULT_GATEWAY_LIMITS[l.limit], l] as const))('%s at its default, %d', async (_limit, n, l) => {
    await expectLimit(p.url, l, n);
  });
});

describe('the cost', () => {
  let url: string;
  beforeAll(async () => {
    url = await startGateway({ limits: { maxCost: 100 } });
  });
  const request = async (query: string, variables?: Record<string, unknown>) => post(url, JSON.stringify({ query, variables }));

  it('weighs `first` given in a variable', async () => {
    const query = 'query($n: Int) { activities(first: $n) { edges { cursor } } }';
    expectData(await request(query, { n: 99 }));
    const over = await reaching(() => request(query, { n: 100 }));
    expect(over.result.errors![0]!.message).toBe('Query cost limit of 100 exceeded, found 101.');
    expect(over.reached).toBe(0);
  });

  it('counts a page without `first`, and a list without pages, as 20', async () => {
    expectData(await request('{ activities { edges { cursor } } }'));
    // 1 + 20 × (1 edge + 1 person + 20 memberships × 1)
    const over = await reaching(() => request('{ persons { edges { node { memberships { id } } } } }'));
    expect(over.result.errors![0]!.message).toBe('Query cost limit of 100 exceeded, found 441.');
    expect(over.reached).toBe(0);
  });

  it('weighs what is selected inside `... on Query { }` (or a fragment without a type) like the same selection outside it', async () => {
    // 1 + 100 edges: over by one, whether spelled plainly, in inline fragments on the root type, or nested in both.
    const plain = '{ activities(first: 100) { edges { cursor } } }';
    for (const query of [
      plain,
      '{ ... on Query { activities(first: 100) { edges { cursor } } } }',
      '{ ... { activities(first: 100) { edges { cursor } } } }',
      '{ ... on Query { ... on Query { ... { activities(first: 100) { edges { ... on ActivityEdge { cursor } } } } } } }',
      'query { __typename ... on Query { a: activities(first: 50) { edges { cursor } } } ... on Query { b: activities(first: 49) { edges { cursor } } } }',
    ]) {
      const over = await reaching(() => request(query));
      expect(over.result.errors?.[0]?.message).toBe('Query cost limit of 100 exceeded, found 101.');
      expect(over.reached).toBe(0);
    }
    expectData(await request('{ ... on Query { activities(first: 99) { edges { cursor } } } }'));
  });

  it('weighs a fragment spread many times over once (no "fragment bomb"), even with a generous depth', async () => {
    const deep = await startGateway({ limits: { maxCost: 100, maxDepth: 50 } });
    // F0 spreads F1 40 times, F1 spreads F2 40 times, …: F7's districts appear 40^7 times.
    const fragments = Array.from({ length: 8 }, (_, i) => `fragment F${i} on Query { ${i < 7 ? ` ...F${i + 1}`.repeat(40) : 'districts { code }'} }`);
    const started = Date.now();
    const res = await reaching(() => post(deep, body(`{ ...F0 } ${fragments.join(' ')}`)));
    expect(res.result.errors![0]!.message).toBe(`Query cost limit of 100 exceeded, found ${40 ** 7 * 20}.`);
    expect(res.reached).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('the default limits', () => {
  it('pass the 1,000-row export', async () => {
    const EXPORT = `query Export($district: String, $after: String) {
      persons(first: 1000, after: $after, filter: { districtCode: $district }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node {
          id name gender birthDate ethnicity politicalAffiliation education category profession employer position
          returnee returneeCountry idNumber mobile status registeredOn community
          district { code name } street { code name }
          memberships { role active startDate endDate organization { name } }
          participations(first: 5) { totalCount edges { node { role attendance hours activity { title } } } }
          latestEvaluation { year composite }
        } }
      }
    }`;
    const { result, reached } = await reaching(() => p.request(EXPORT, { district: '330302' }));
    expect(expectData(result).persons).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    expect(reached).toBeGreaterThan(0);
  });

  it('pass an operation at the token limit whose field of another subgraph makes the gateway’s query to a subgraph longer', async () => {
    // The persons subgraph is asked for `__typename id` where the client wrote isRepresentative
    // (the evaluation subgraph's): 1,001 tokens for the client's 1,000.
    const withBoundary = (padding: string) => `query($s: [PersonStatus!] = [${padding} ]) { persons(first: 1, filter: { statuses: $s }) { edges { node { isRepresentative } } } }`;
    const atTokens = withBoundary(' ACTIVE'.repeat(DEFAULT_GATEWAY_LIMITS.maxTokens - tokenCount(withBoundary(''))));
    expect(tokenCount(atTokens)).toBe(DEFAULT_GATEWAY_LIMITS.maxTokens);
    const { result, reached } = await reaching(() => post(p.url, JSON.stringify({ query: atTokens, variables: { s: ['ACTIVE'] } })));
    expect(expectData(result).persons.edges).toEqual([]);
    expect(reached).toBeGreaterThan(0);
  });

  it("pass the README's example", async () => {
    const README = `{ persons(first: 2, filter: { districtCode: "330302", category: INTERMEDIARY }) { totalCount edges { node { name profession employer street { name } memberships { role organization { name kind district { name } } } participations(first: 3) { totalCount edges { node { hours activity { title kind } } } } latestEvaluation { year composite scores { dimension score weight } } } } } }`;
    expect(expectData(await p.request(README)).persons.totalCount).toBe(0);
  });

  it('are read from GATEWAY_MAX_* variables, and a bad value is refused clearly', () => {
    expect(gatewayLimitsFromEnv({})).toEqual(DEFAULT_GATEWAY_LIMITS);
    expect(
      gatewayLimitsFromEnv({
        GATEWAY_MAX_DEPTH: '12',
        GATEWAY_MAX_COST: '1000',
        GATEWAY_MAX_ALIASES: '0',
        GATEWAY_MAX_DIRECTIVES: '5',
        GATEWAY_MAX_TOKENS: '2000',
        GATEWAY_MAX_DOCUMENT_BYTES: '4096',
        GATEWAY_MAX_BODY_BYTES: '1048576',
      }),
    ).toEqual({ maxDepth: 12, maxCost: 1000, maxAliases: 0, maxDirectives: 5, maxTokens: 2000, maxDocumentBytes: 4096, maxBodyBytes: 1048576, batching: false });
    expect(() => gatewayLimitsFromEnv({ GATEWAY_MAX_DEPTH: 'deep' })).toThrow(ConfigError);
    expect(() => gatewayLimitsFromEnv({ GATEWAY_MAX_COST: '-1' })).toThrow('GATEWAY_MAX_COST=-1 is not a whole number');
    expect(() => gatewayLimitsFromEnv({ GATEWAY_MAX_DOCUMENT_BYTES: '64KiB' })).toThrow('GATEWAY_MAX_DOCUMENT_BYTES=64KiB is not a whole number');
  });

  it('refuse megabytes of comments or of one string literal in the document, which are not tokens, and take them as variables', async () => {
    const sevenMB = 7 * 1000 * 1000;
    const refusedDocuments = {
      comment: `{ persons(first: 1) { totalCount } }\n#${'x'.repeat(sevenMB)}`,
      literal: `{ persons(first: 1, filter: { text: "${'x'.repeat(sevenMB)}" }) { totalCount } }`,
    };
    for (const query of Object.values(refusedDocuments)) {
      const { result, reached } = await reaching(() => post(p.url, body(query)));
      expect(result.status).toBe(400);
      expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(result.errors![0]!.message).toBe('The query document is larger than 65536 bytes: send large values as variables.');
      expect(reached).toBe(0);
    }
    // The same text as a variable is read, and judged by the filter's own rule, which names it.
    const asVariable = await post(p.url, JSON.stringify({ query: 'query($t: String) { persons(first: 1, filter: { text: $t }) { totalCount } }', variables: { t: 'x'.repeat(sevenMB) } }));
    expect(errorCodes(asVariable)).toEqual(['BAD_USER_INPUT']);
    expect(asVariable.errors![0]!.message).toBe(`filter.text: is ${sevenMB} characters long; at most 50 are allowed`);
  });
});

describe('the gateway', () => {
  const QUERY = '{ persons(first: 1) { totalCount } }';

  it('refuses a batch of operations (a JSON array)', async () => {
    const { result, reached } = await reaching(() => post(p.url, JSON.stringify([{ query: QUERY }, { query: QUERY }])));
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['BAD_REQUEST']);
    expect(result.errors![0]!.message).toBe('Operation batching disabled.');
    expect(reached).toBe(0);
  });

  it('hides suggestions in validation errors', async () => {
    const field = await p.request('{ persons(first: 1) { edges { node { nam } } } }');
    expect(errorCodes(field)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(field.errors![0]!.message).toContain('Cannot query field "nam" on type "Person".');
    expect(field.errors![0]!.message).not.toMatch(/Did you mean|"name"/);

    const value = await p.request('{ persons(first: 1, filter: { category: PRIVATE_TEC }) { totalCount } }');
    expect(errorCodes(value)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(value.errors![0]!.message).toContain('Value "PRIVATE_TEC" does not exist in "PersonCategory" enum.');
    expect(value.errors![0]!.message).not.toMatch(/Did you mean|PRIVATE_TECH/);

    const variable = await p.request('query($c: PersonCategory) { persons(first: 1, filter: { category: $c }) { totalCount } }', { c: 'PRIVATE_TEC' });
    expect(errorCodes(variable)).toEqual(['BAD_USER_INPUT']);
    expect(variable.errors![0]!.message).toContain('Value "PRIVATE_TEC" does not exist in "PersonCategory" enum.');
    expect(variable.errors![0]!.message).not.toMatch(/Did you mean|PRIVATE_TECH/);
  });

  it('refuses what a browser could send across sites (CSRF prevention)', async () => {
    const textPlain = await reaching(() => p.request(QUERY, undefined, { 'content-type': 'text/plain' }));
    expect(textPlain.result.status).toBe(400);
    expect(errorCodes(textPlain.result)).toEqual(['BAD_REQUEST']);
    expect(textPlain.result.errors![0]!.message).toContain('Cross-Site Request Forgery');
    expect(textPlain.reached).toBe(0);

    const get = (headers: Record<string, string>) =>
      reaching(async () => {
        const res = await fetch(`${p.url}?query=${encodeURIComponent(QUERY)}`, { headers: { ...(await cityAdminHeaders()), ...headers } });
        return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) } as GraphQLResponse;
      });
    const simple = await get({});
    expect(simple.result.status).toBe(400);
    expect(errorCodes(simple.result)).toEqual(['BAD_REQUEST']);
    expect(simple.reached).toBe(0);
    const preflighted = await get({ 'apollo-require-preflight': 'true' });
    expect(expectData(preflighted.result)).toEqual({ persons: { totalCount: 0 } });
  });

  it('refuses introspection in production mode', async () => {
    const INTROSPECTION = '{ __schema { queryType { name } } }';
    expect(expectData(await p.request(INTROSPECTION))).toEqual({ __schema: { queryType: { name: 'Query' } } });

    const url = await startGateway({ production: true });
    const refused = await post(url, body(INTROSPECTION));
    expect(errorCodes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(refused.errors![0]!.message).toContain('introspection is not allowed');
    expect(expectData(await post(url, body(QUERY)))).toEqual({ persons: { totalCount: 0 } });
  });
});

// Last: it registers a person, and the tests above expect an empty register.
describe('the depth, as users read it (a connection’s edges { node } one level)', () => {
  /**
   * An analyst's question in one request: a person › memberships › organization › activities ›
   * participations › person. Depth 10 (persons, node, memberships, organization, activities, node,
   * participations, node, person, name), the default limit; a count of every field found 13.
   */
  const ANALYST_QUERY = `{ persons(first: 1, filter: { text: "深度" }) { edges { node { memberships { organization { activities(first: 5) { edges { node {
    participations(first: 5) { edges { node { person { name } } } } } } } } } } } } }`;
  /** The issue's spelling, from person(id): 9 levels (11 counted field by field). */
  const FROM_PERSON = `query($id: ID!) { person(id: $id) { memberships { organization { activities(first: 5) { edges { node {
    participations(first: 5) { edges { node { person { name } } } } } } } } } } }`;
  let analyst: Record<string, string>;
  let personId: string;

  beforeAll(async () => {
    analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    const input = { name: '深度测试', idNumber: makeIdNumber('330302', '1980-02-03', 11), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' };
    personId = expectData(await p.request('mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', { input })).registerPerson.person.id;
    const organizationId = expectData(
      await p.request('mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }', {
        input: { name: '鹿城区深度联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330302' },
      }),
    ).createOrganization.organization.id;
    expectData(
      await p.request('mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }', {
        input: { personId, organizationId, role: 'MEMBER', startDate: '2024-01-01' },
      }),
    );
    const activityId = expectData(
      await p.request('mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }', {
        input: { title: '深度学习会', kind: 'STUDY_TRAINING', districtCode: '330302', organizerId: organizationId, startsAt: '2026-03-01T01:00:00Z' },
      }),
    ).createActivity.activity.id;
    expectData(
      await p.request('mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id } } }', {
        input: { activityId, personId, attendance: 'ATTENDED', hours: 2 },
      }),
    );
  });

  type Page<T> = { edges: { node: T }[] };
  type Member = { memberships: { organization: { activities: Page<{ participations: Page<{ person: { name: string } }> }> } }[] };
  const participants = (persons: Page<Member>): string[] =>
    persons.edges.flatMap((e) => e.node.memberships.flatMap((m) => m.organization.activities.edges.flatMap((a) => a.node.participations.edges.map((x) => x.node.person.name))));

  it("answers the analyst's person › memberships › organization › activities › participations › person at the default depth limit", async () => {
    const { result, reached } = await reaching(() => p.request(ANALYST_QUERY, undefined, analyst));
    expect(participants(expectData(result).persons)).toEqual(['深度测试']);
    expect(reached).toBeGreaterThan(1);
    const fromPerson = expectData(await p.request(FROM_PERSON, { id: personId }, analyst)).person;
    expect(participants({ edges: [{ node: fromPerson }] })).toEqual(['深度测试']);
  });

  it('counts that query 10 deep: refused by a gateway whose limit is 9, naming the limit, before any subgraph', async () => {
    const url = await startGateway({ limits: { maxDepth: 9 } });
    const over = await reaching(() => post(url, body(ANALYST_QUERY), analyst));
    expect(over.result.status).toBe(400);
    expect(errorCodes(over.result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(over.result.errors![0]!.message).toBe('Query depth limit of 9 exceeded, found 10.');
    expect(over.reached).toBe(0);
    expectData(await post(url, JSON.stringify({ query: FROM_PERSON, variables: { id: personId } }), analyst));
  });

  it('still refuses a query one level deeper than the limit, naming it', async () => {
    const deeper = ANALYST_QUERY.replace('person { name }', 'person { district { name } }');
    const over = await reaching(() => p.request(deeper, undefined, analyst));
    expect(over.result.status).toBe(400);
    expect(errorCodes(over.result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(over.result.errors![0]!.message).toBe('Query depth limit of 10 exceeded, found 11.');
    expect(over.reached).toBe(0);
  });

  it('counts pageInfo like edges, fragments not at all, and a field named edges elsewhere as a level', async () => {
    const url = await startGateway({ limits: { maxDepth: 2 } });
    // persons(1) › totalCount, pageInfo { hasNextPage }, edges { cursor }: 2.
    expectData(await post(url, body('{ persons(first: 1) { totalCount pageInfo { hasNextPage } edges { cursor } } }')));
    expectData(await post(url, body('{ ... on Query { persons(first: 1) { ...P } } } fragment P on PersonConnection { pageInfo { ... on PageInfo { endCursor } } }')));
    const node = await post(url, body('{ persons(first: 1) { edges { node { id } } } }'));
    expect(node.errors![0]!.message).toBe('Query depth limit of 2 exceeded, found 3.');
  });
});
