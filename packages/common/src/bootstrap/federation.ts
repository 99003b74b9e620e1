import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, ContainerType, createResolversMap, NonEmptyArray } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';

/** The one Federation 2 version every subgraph links. */
export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's buildSchema types resolvers and orphanedTypes as Function
type ClassLike = Function;

export type ReferenceResolver = (reference: { __typename: string; id: string }, context: never) => unknown;

export interface FederatedSchemaSpec {
  readonly resolvers: NonEmptyArray<ClassLike>;
  readonly orphanedTypes?: ClassLike[];
  /** `__resolveReference` of each entity this subgraph owns, by type name. */
  readonly references?: Readonly<Record<string, ReferenceResolver>>;
}

export interface FederatedSchema {
  readonly schema: GraphQLSchema;
  /** The subgraph SDL that composition reads. */
  readonly sdl: string;
}

/**
 * type-graphql schema → SDL with its directives → `@link` prepended → buildSubgraphSchema with
 * type-graphql's resolvers and the entities' reference resolvers.
 */
export async function buildFederatedSchema(spec: FederatedSchemaSpec, container?: ContainerType): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: spec.resolvers,
    orphanedTypes: spec.orphanedTypes,
    container,
    skipCheck: true,
    // Inputs are checked by the services (packages/common/src/validation), not by class-validator.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  resolvers.Date ??= DateScalar as never;
  for (const [typeName, resolveReference] of Object.entries(spec.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  return { schema, sdl };
}
