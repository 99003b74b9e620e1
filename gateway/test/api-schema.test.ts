import { apiSchemaOf, composeSupergraph } from '@tongxin/gateway';

/**
 * apiSchemaOf: the public API of a supergraph, made with graphql-js alone (no
 * @apollo/federation-internals): no @inaccessible element and no federation machinery.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])';

const shop = {
  name: 'shop',
  url: 'http://shop',
  sdl: `${LINK}
type Query {
  "A product by id."
  product(id: ID!, audit: Boolean @inaccessible): Product
  secret: Secret @inaccessible
}
type Product @key(fields: "id") {
  id: ID!
  name: String!
  cost: Int @inaccessible
  state: State!
}
enum State { ON_SALE SOLD_OUT WITHDRAWN @inaccessible }
type Secret @inaccessible { id: ID! }
input Filter { name: String internal: Boolean @inaccessible }
type Mutation { touch(filter: Filter): Int }
`,
};

const reviews = {
  name: 'reviews',
  url: 'http://reviews',
  sdl: `${LINK}
type Product @key(fields: "id") { id: ID! stars: Int }
`,
};

describe('apiSchemaOf', () => {
  it('drops every @inaccessible type, field, argument, enum value and input field, and the join and link machinery', () => {
    const supergraph = composeSupergraph([shop, reviews]);
    // The composed supergraph carries them all, so that dropping them is what is tested.
    expect(supergraph).toMatch(/@join__type/);
    expect(supergraph).toMatch(/WITHDRAWN[^\n]*@inaccessible/);

    expect(apiSchemaOf(supergraph)).toBe(`input Filter {
  name: String
}

type Mutation {
  touch(filter: Filter): Int
}

type Product {
  id: ID!
  stars: Int
  name: String!
  state: State!
}

type Query {
  """A product by id."""
  product(id: ID!): Product
}

enum State {
  ON_SALE
  SOLD_OUT
}
`);
  });

  it('follows the names the @links give: a feature linked under another name and an imported directive; other directives stay', () => {
    const supergraph = `schema
  @owner(team: "shop")
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.4", as: "fed", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", import: [{ name: "@inaccessible", as: "@hidden" }], for: SECURITY)
{
  query: Query
}

directive @owner(team: String) on SCHEMA
directive @hidden on FIELD_DEFINITION | OBJECT | ENUM_VALUE | ARGUMENT_DEFINITION
directive @fed__type(graph: fed__Graph!) repeatable on OBJECT
directive @fed__graph(name: String!, url: String!) on ENUM_VALUE
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
enum fed__Graph { A @fed__graph(name: "a", url: "http://a") }

type Query @fed__type(graph: A) {
  open(limit: Int, trace: Boolean @hidden): String
  old: String @deprecated(reason: "Use open.")
  closed: Hidden
  kept: Kind
}

type Hidden @hidden @fed__type(graph: A) { id: ID }

enum Kind { PUBLIC INTERNAL @hidden }
`;
    expect(apiSchemaOf(supergraph)).toBe(`directive @owner(team: String) on SCHEMA

type Query {
  open(limit: Int): String
  old: String @deprecated(reason: "Use open.")
  kept: Kind
}

enum Kind {
  PUBLIC
}
`);
  });
});
