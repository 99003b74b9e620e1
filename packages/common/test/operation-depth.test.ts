import { buildSchema, OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { depthLimitRule, operationDepth } from '../src/bootstrap/operation-limits';

/**
 * The depth of an operation as its users read it (issue 15): a connection's `edges { node }` and
 * `pageInfo { … }` one level, as a list is; fragments no level; introspection nothing.
 */

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Person { id: ID! name: String! memberships: [Membership!]! participations(first: Int): ParticipationConnection! }
  type Membership { id: ID! organization: Organization! }
  type Organization { id: ID! parent: Organization activities(first: Int): ActivityConnection! }
  type Activity { id: ID! title: String! participations(first: Int): ParticipationConnection! }
  type Participation { id: ID! person: Person! }
  type PersonEdge { cursor: String! node: Person! }
  type PersonConnection { edges: [PersonEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ActivityEdge { cursor: String! node: Activity! }
  type ActivityConnection { edges: [ActivityEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ParticipationEdge { cursor: String! node: Participation! }
  type ParticipationConnection { edges: [ParticipationEdge!]! pageInfo: PageInfo! }
  "Not a connection: no pageInfo, so its edges is a level of its own."
  type Graph { edges: [Organization!]! }
  type Query { person(id: ID!): Person persons(first: Int): PersonConnection! graph: Graph! }
`);

const depth = (query: string): number => {
  const document = parse(query);
  return operationDepth(
    schema,
    document,
    document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!,
  );
};

describe('operationDepth', () => {
  it('counts plain fields one level each', () => {
    expect(depth('{ person(id: 1) { name } }')).toBe(2);
    expect(depth('{ person(id: 1) { memberships { organization { parent { id } } } } }')).toBe(5);
  });

  it("counts a connection's edges { node } as one level, and pageInfo and edges { cursor } likewise", () => {
    expect(depth('{ persons(first: 1) { edges { node { name } } } }')).toBe(3);
    expect(depth('{ persons(first: 1) { totalCount pageInfo { endCursor } edges { cursor } } }')).toBe(2);
    expect(depth('{ persons(first: 1) { edges { cursor node { id } } } }')).toBe(3);
  });

  it("counts the issue's person › memberships › organization › activities › participations › person as 9 (11 field by field)", () => {
    const query = `{ person(id: 1) { memberships { organization { activities(first: 5) { edges { node {
      participations(first: 5) { edges { node { person { name } } } } } } } } } } }`;
    expect(depth(query)).toBe(9);
    const fromPersons = `{ persons(first: 1) { edges { node { memberships { organization { activities(first: 5) { edges { node {
      participations(first: 5) { edges { node { person { name } } } } } } } } } } } } }`;
    expect(depth(fromPersons)).toBe(10);
  });

  it('counts the fields of fragments, not the fragments, and each spread fragment on its own type', () => {
    expect(depth('{ ... on Query { persons(first: 1) { ...P } } } fragment P on PersonConnection { edges { node { ...N } } } fragment N on Person { name }')).toBe(3);
    expect(depth('{ person(id: 1) { ... { memberships { ... on Membership { id } } } } }')).toBe(3);
    // The same fragment at two depths.
    expect(depth('{ person(id: 1) { ...M memberships { organization { parent { ...O } } } } } fragment M on Person { id } fragment O on Organization { parent { id } }')).toBe(6);
  });

  it('counts a field named edges on a type that is not a connection, and fields unknown to the schema', () => {
    expect(depth('{ graph { edges { parent { id } } } }')).toBe(4);
    expect(depth('{ nowhere { edges { node { id } } } }')).toBe(4);
  });

  it('counts introspection as nothing', () => {
    expect(depth('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }')).toBe(0);
    expect(depth('{ __type(name: "Person") { fields { type { ofType { name } } } } person(id: 1) { id } }')).toBe(2);
  });

  it('ends on a fragment that spreads itself (which validation refuses)', () => {
    expect(depth('{ person(id: 1) { ...A } } fragment A on Person { memberships { organization { ...B } } } fragment B on Organization { parent { ...B } }')).toBeGreaterThan(0);
  });
});

describe('depthLimitRule', () => {
  const errors = (query: string, max: number) => validate(schema, parse(query), [...specifiedRules, depthLimitRule(max)]).map((e) => e.message);

  it('refuses an operation deeper than the limit, naming the limit and the depth found', () => {
    expect(errors('{ persons(first: 1) { edges { node { name } } } }', 3)).toEqual([]);
    expect(errors('{ persons(first: 1) { edges { node { memberships { id } } } } }', 3)).toEqual(['Query depth limit of 3 exceeded, found 4.']);
  });

  it('weighs every operation of the document', () => {
    expect(errors('query A { person(id: 1) { id } } query B { person(id: 1) { memberships { organization { id } } } }', 3)).toEqual(['Query depth limit of 3 exceeded, found 4.']);
  });
});
