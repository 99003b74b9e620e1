import { ConfigError, DEFAULT_OPERATION_LIMITS, OperationLimits, randomIds, subgraphOperationLimits, subgraphOptionsFromEnv } from '@tongxin/common';
import { organizationsSubgraph } from '@tongxin/organizations';
import { personsSubgraph } from '@tongxin/persons';
import { Lexer, Source, TokenKind } from 'graphql';
import { cityAdminHeaders } from './harness/auth';
import { errorCodes, expectData, GraphQLResponse } from './harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from './harness/subgraph';

/**
 * Every subgraph applies the gateway's operation limits itself (issue 14 §5): a caller who reaches
 * a subgraph directly, past the gateway, meets the same walls (depth, aliases, directives and cost
 * the same numbers; tokens and bytes of the document twice the gateway's, for the gateway's own
 * spelling of its queries), while what the gateway sends (the parts of the platform's operations,
 * `_entities` with a thousand representations, `_service`) is never refused.
 * gateway/test/operation-limits.test.ts and the platform tests run every legitimate operation
 * through the gateway to subgraphs with these limits on.
 */

let persons: TestSubgraph<unknown>;
let organizations: TestSubgraph<unknown>;
/** The organizations subgraph with small limits, to reach each just under and just over. */
let small: TestSubgraph<unknown>;
const SMALL: OperationLimits = { maxDepth: 5, maxCost: 100, maxAliases: 3, maxDirectives: 3, maxTokens: 60, maxDocumentBytes: 1000 };

beforeAll(async () => {
  persons = await startTestSubgraph(personsSubgraph);
  organizations = await startTestSubgraph(organizationsSubgraph);
  small = await startTestSubgraph(organizationsSubgraph, { limits: SMALL });
});
afterAll(async () => {
  await persons?.stop();
  await organizations?.stop();
  await small?.stop();
});

/** Posts a raw body to a subgraph as a city administrator. */
async function post(url: string, body: string): Promise<GraphQLResponse> {
  const res = await fetch(url, { method: 'POST', headers: { ...(await cityAdminHeaders()), 'content-type': 'application/json' }, body });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) };
}

const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

function expectRefused(result: GraphQLResponse, code: string, message: string): void {
  expect(result.status).toBe(400);
  expect(result.data ?? undefined).toBeUndefined();
  expect(errorCodes(result)).toEqual([code]);
  expect(result.errors![0]!.message).toBe(message);
}

it('refuses 60 aliases of persons(first: 1000) sent to the persons subgraph directly, before any SQL', async () => {
  const query = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: persons(first: 1000) { edges { cursor } }`).join(' ')} }`;
  const { result, statements } = await persons.statements(() => post(persons.running.url, body(query)));
  expectRefused(result, 'GRAPHQL_VALIDATION_FAILED', 'Aliases limit of 15 exceeded, found 60.');
  expect(statements).toBe(0);
});

/** Operations of the organizations subgraph holding exactly `n` of what a limit counts. */
const exactly: Record<keyof OperationLimits, (n: number) => string> = {
  /** organizations(1) › edges { node }(2) › parent… › id(n): a connection's edges and node are one level. */
  maxDepth: (n) => body(`{ organizations(first: 1) { edges { node { ${'parent { '.repeat(n - 3)}id${' }'.repeat(n - 3)} } } } }`),
  /** 1 (the connection) + (n - 1) edges. */
  maxCost: (n) => body(`{ organizations(first: ${n - 1}) { edges { cursor } } }`),
  maxAliases: (n) => body(`{ ${Array.from({ length: n }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ')} }`),
  maxDirectives: (n) => body(`{ organizations(first: 1) { totalCount } ${'__typename @skip(if: false) '.repeat(n)}}`),
  maxTokens: (n) => {
    const query = (k: number) => `{ organizations(first: 1) { totalCount } ${'__typename '.repeat(k)}}`;
    return body(query(n - tokenCount(query(0))));
  },
  maxDocumentBytes: (n) => {
    const query = '{ organizations(first: 1) { totalCount } }\n# é';
    return body(query + 'x'.repeat(n - Buffer.byteLength(query)));
  },
};

const REFUSALS: Record<keyof OperationLimits, { code: string; message: (n: number) => string }> = {
  maxDepth: { code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Query depth limit of ${n} exceeded, found ${n + 1}.` },
  maxCost: { code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Query cost limit of ${n} exceeded, found ${n + 1}.` },
  maxAliases: { code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Aliases limit of ${n} exceeded, found ${n + 1}.` },
  maxDirectives: { code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `Directives limit of ${n} exceeded, found ${n + 1}.` },
  maxTokens: { code: 'GRAPHQL_PARSE_FAILED', message: (n) => `Syntax Error: Document contains more that ${n} tokens. Parsing aborted.` },
  maxDocumentBytes: { code: 'GRAPHQL_VALIDATION_FAILED', message: (n) => `The query document is larger than ${n} bytes: send large values as variables.` },
};

describe('a subgraph refuses an operation just over each limit, before any SQL, and runs one just under it', () => {
  const applied = subgraphOperationLimits(SMALL);
  it.each(Object.keys(applied).map((k) => [k, applied[k as keyof OperationLimits]] as const))('%s = %d', async (limit, n) => {
    const key = limit as keyof OperationLimits;
    expectData(await post(small.running.url, exactly[key](n)));
    const over = await small.statements(() => post(small.running.url, exactly[key](n + 1)));
    expectRefused(over.result, REFUSALS[key].code, REFUSALS[key].message(n));
    expect(over.statements).toBe(0);
  });

  it('at the defaults, the gateway’s (tokens and bytes of the document twice theirs)', async () => {
    expect(DEFAULT_OPERATION_LIMITS).toEqual({ maxDepth: 10, maxCost: 1_000_000, maxAliases: 15, maxDirectives: 10, maxTokens: 1000, maxDocumentBytes: 65536 });
    const applied = subgraphOperationLimits(DEFAULT_OPERATION_LIMITS);
    expect(applied).toEqual({ ...DEFAULT_OPERATION_LIMITS, maxTokens: 2000, maxDocumentBytes: 131072 });
    for (const [limit, n] of Object.entries(applied) as [keyof OperationLimits, number][]) {
      if (limit === 'maxCost') continue; // below, with _entities
      // 1,990 __typename fields would spend graphql-js's budget for comparing fields, not a limit's.
      if (limit !== 'maxTokens') expectData(await post(organizations.running.url, exactly[limit](n)));
      expectRefused(await post(organizations.running.url, exactly[limit](n + 1)), REFUSALS[limit].code, REFUSALS[limit].message(n));
    }
  });
});

describe('what the gateway sends a subgraph', () => {
  /** What the gateway asks the organizations subgraph for the 1,000-row export: each person's memberships. */
  const MEMBERSHIPS = `query Export__organizations__1($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Person { memberships { role active startDate endDate organization { __typename id } } } } }`;
  const personRefs = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Person', id: randomIds.next() }));

  it('passes: _entities with 1,000 representations (1,000 × (1 + 20 memberships × 2) = 41,000)', async () => {
    const result = await post(organizations.running.url, body(MEMBERSHIPS, { representations: personRefs(1000) }));
    expect(expectData(result)._entities).toHaveLength(1000);
  });

  it('weighs _entities by its representations: 25,000 such persons cost 1,025,000, over the limit, and run no SQL', async () => {
    const { result, statements } = await organizations.statements(() => post(organizations.running.url, body(MEMBERSHIPS, { representations: personRefs(25_000) })));
    expectRefused(result, 'GRAPHQL_VALIDATION_FAILED', 'Query cost limit of 1000000 exceeded, found 1025000.');
    expect(statements).toBe(0);
  });

  it('weighs each representation by the selection on its own type', async () => {
    // 2 persons × (1 + 20 × 2) + k organizations × (1 + 0): 100 with 18 organizations, the small limit.
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { memberships { role organization { id } } }
      ... on Organization { name } } }`;
    const refs = (organizationCount: number) => [...personRefs(2), ...Array.from({ length: organizationCount }, () => ({ __typename: 'Organization', id: randomIds.next() }))];
    const under = await post(small.running.url, body(query, { r: refs(18) }));
    expect(expectData(under)._entities).toHaveLength(20);
    expectRefused(await post(small.running.url, body(query, { r: refs(19) })), 'GRAPHQL_VALIDATION_FAILED', 'Query cost limit of 100 exceeded, found 101.');
  });

  it('passes: __typename, and federation’s _service { sdl }', async () => {
    expect(expectData(await post(organizations.running.url, body('{ __typename }')))).toEqual({ __typename: 'Query' });
    expect(expectData(await post(small.running.url, body('{ _service { sdl } }')))._service.sdl).toContain('type Organization');
  });
});

it('hides field and enum value suggestions, which would spell out the schema, as the gateway does', async () => {
  const field = await post(organizations.running.url, body('{ organizations(first: 1) { edges { node { nam } } } }'));
  expect(errorCodes(field)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(field.errors![0]!.message).toContain('Cannot query field "nam" on type "Organization".');
  expect(field.errors![0]!.message).not.toMatch(/Did you mean|"name"/);
  const value = await post(organizations.running.url, body('query($k: OrganizationKind) { organizations(first: 1, filter: { kind: $k }) { totalCount } }', { k: 'FRIENDSHIP_ASSOCIATIO' }));
  expect(errorCodes(value)).toEqual(['BAD_USER_INPUT']);
  expect(value.errors![0]!.message).not.toMatch(/Did you mean|FRIENDSHIP_ASSOCIATION"/);
});

describe('the limits are read from the GATEWAY_MAX_* variables, as the gateway reads them', () => {
  const env = (extra: Record<string, string>) => ({ TONGXIN_JWT_SECRET: 'tongxin-test-secret-only-for-tests-0123456789', ...extra });

  it('with the defaults, or the values set', () => {
    expect(subgraphOptionsFromEnv(personsSubgraph, env({})).limits).toEqual(DEFAULT_OPERATION_LIMITS);
    expect(subgraphOptionsFromEnv(personsSubgraph, env({ GATEWAY_MAX_ALIASES: '3', GATEWAY_MAX_DOCUMENT_BYTES: '4096' })).limits).toEqual({
      ...DEFAULT_OPERATION_LIMITS,
      maxAliases: 3,
      maxDocumentBytes: 4096,
    });
  });

  it('and a bad value stops the subgraph with a clear message', () => {
    expect(() => subgraphOptionsFromEnv(personsSubgraph, env({ GATEWAY_MAX_DEPTH: 'deep' }))).toThrow(ConfigError);
    expect(() => subgraphOptionsFromEnv(personsSubgraph, env({ GATEWAY_MAX_DOCUMENT_BYTES: '10' }))).toThrow('GATEWAY_MAX_DOCUMENT_BYTES=10 is not a whole number from 256');
  });
});
