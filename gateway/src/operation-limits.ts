import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DEFAULT_PAGE_SIZE, Env, envInt } from '@tongxin/common';
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  ParseOptions,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

/**
 * What the gateway accepts of one request. Anything over a limit is refused before it is planned,
 * so it never reaches a subgraph.
 */
export interface OperationLimits {
  /** Deepest nesting of fields (GraphQL Armor's max depth; fragments count a level). */
  readonly maxDepth: number;
  /** Highest `first`-weighted cost (see operationCost). */
  readonly maxCost: number;
  /** Most aliases in one operation (`__typename` aliases are free). */
  readonly maxAliases: number;
  /** Most directives (`@include`, `@skip`, …) in one operation. */
  readonly maxDirectives: number;
  /** Most lexical tokens in the document; the parser stops at the first one over. */
  readonly maxTokens: number;
  /** Largest request body, in bytes; a larger one is answered 413 before it is read to the end. */
  readonly maxBodyBytes: number;
  /** Batched HTTP requests (a JSON array of operations) are refused: each operation comes alone. */
  readonly batching: false;
}

/**
 * The defaults, sized on the largest legitimate operations: the 1,000-row export (persons(first:
 * 1000) with memberships, participations(first: 5) and the latest evaluation: depth 8, cost
 * 61,002, 112 tokens, 749 bytes) and the district query of test/federation.test.ts, which adds
 * evaluations with their scores (depth 8; cost 250,001 at first: 500 and 500,001 at first: 1000,
 * because lists without pages count 20 each).
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  // Two levels above the deepest real query. A person › memberships › organization › members ›
  // edges › node › person turn takes 6 levels, so at most one fits.
  maxDepth: 10,
  // Twice the district query at the largest page (1000), 16 times the export; refuses two full
  // pages nested, e.g. persons(first: 1000) › participations(first: 1000) (2,003,001).
  maxCost: 1_000_000,
  // No client needs aliases but a dashboard counting each of the 13 districts at once.
  maxAliases: 15,
  // A few @include/@skip per operation; many directives only burn validation time.
  maxDirectives: 10,
  // Nine times the export; bounds the work of parsing before anything else is checked.
  maxTokens: 1000,
  // The largest legitimate body is an import of a whole register sheet in one request (all or
  // nothing): 10,000 rows of the 登记表 are about 3.6 MB of variables. 8 MiB takes that with room
  // to spare and bounds what is buffered and parsed (about 40 ms of JSON.parse); the document
  // itself is bounded by maxTokens. The subgraphs take twice as much (SUBGRAPH_MAX_BODY_BYTES), so
  // anything the gateway accepts reaches them.
  maxBodyBytes: 8 * 1024 * 1024,
  batching: false,
};

/** The limits from GATEWAY_MAX_* variables over the defaults; a bad value throws ConfigError. */
export function operationLimitsFromEnv(env: Env): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    maxDepth: envInt(env, 'GATEWAY_MAX_DEPTH', d.maxDepth, 1, 1000),
    maxCost: envInt(env, 'GATEWAY_MAX_COST', d.maxCost, 1),
    maxAliases: envInt(env, 'GATEWAY_MAX_ALIASES', d.maxAliases, 0, 100_000),
    maxDirectives: envInt(env, 'GATEWAY_MAX_DIRECTIVES', d.maxDirectives, 0, 100_000),
    maxTokens: envInt(env, 'GATEWAY_MAX_TOKENS', d.maxTokens, 1, 10_000_000),
    maxBodyBytes: envInt(env, 'GATEWAY_MAX_BODY_BYTES', d.maxBodyBytes, 1024, 1024 ** 3),
    batching: false,
  };
}

/** What ApolloServer (plugins, validationRules, parseOptions, batching) and the HTTP app need. */
export interface OperationProtection {
  readonly plugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
  readonly allowBatchedHttpRequests: false;
  readonly maxBodyBytes: number;
}

/**
 * The gateway's protection. GraphQL Armor limits depth, aliases and directives (validation
 * rules: GRAPHQL_VALIDATION_FAILED, e.g. "Query depth limit of 10 exceeded, found 11.") and hides
 * field and argument suggestions ("Did you mean …"), which would spell out the schema with
 * introspection off; enum value suggestions are hidden the same way below. graphql-js's parser
 * limits tokens (GRAPHQL_PARSE_FAILED, "Document contains more that 1000 tokens"), and the
 * `first`-weighted cost is weighed below.
 *
 * Armor's token limit is off: under Apollo Server it throws from parsingDidStart, which answers
 * 500 instead of 400. Armor's cost limit is off too: it weights lists only by a literal `first`,
 * so `persons(first: $n)` would cost as if n were 1.
 */
export function operationProtection(limits: OperationLimits): OperationProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, propagateOnRejection: false, onReject: [reportRejection] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportRejection] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportRejection] },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    plugins: [...armor.plugins, hideEnumSuggestions, costLimitPlugin(limits.maxCost)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    maxBodyBytes: limits.maxBodyBytes,
  };
}

/** Armor prefixes its messages with "Syntax Error: ", which they are not; Apollo Server adds the code. */
const reportRejection = (context: ValidationContext | null, error: GraphQLError): void => {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
};

/** Armor masks `Did you mean "name"?`; graphql-js also writes `Did you mean the enum value "X"?`. */
const hideEnumSuggestions: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) error.message = error.message.replace(/Did you mean the enum value ".+"/g, '[Suggestion hidden]');
      },
    };
  },
};

/**
 * Refuses an operation whose cost is over `maxCost`, after validation and before planning. It is
 * a plugin rather than a validation rule because validation sees no variables (and Apollo Server
 * caches its verdict per document), while the cost of `persons(first: $n)` depends on `$n`.
 */
function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          // Variables that do not fit their types are refused by the gateway before it plans anything.
          if (variables.errors) return;
          const cost = operationCost(schema, document, operation, variables.coerced);
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * The `first`-weighted cost of an operation, like GitHub's node limit: the number of objects its
 * response can hold. An object costs 1 plus its selection, a scalar or enum 0, and a list its
 * length times the cost of one element. The length of a list is the `first` argument (variables
 * resolved) of the field that pages it: the list field itself, or the connection field around an
 * `edges` list. A paged field without `first`, and a list that is not paged (`memberships`,
 * `scores`), count DEFAULT_PAGE_SIZE (20), what the subgraphs serve without `first`. Every
 * fragment counts (an upper bound: `@skip` and `@include` are ignored); introspection is free.
 *
 *     persons(first: 100) { edges { node { name participations(first: 5) { edges { node { activity { title } } } } } } }
 *
 * costs 1 (the connection) + 100 × (1 edge + 1 person + 1 connection + 5 × (1 edge + 1 participation + 1 activity))
 * = 1 + 100 × 18 = 1,801.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // A fragment spread many times over (the "fragment bomb") is weighed once per page size.
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, page: number | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parent, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += selectionCost(selection.selectionSet, type ?? parent, page);
      } else {
        const key = `${selection.name.value}:${page ?? ''}`;
        let spread = fragmentCosts.get(key);
        if (spread === undefined) {
          const fragment = fragments.get(selection.name.value);
          spread = fragment ? selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, page) : 0;
          fragmentCosts.set(key, spread);
        }
        cost += spread;
      }
    }
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, page: number | undefined): number => {
    if (!node.selectionSet || node.name.value.startsWith('__')) return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) return 0;
    const first = field.args.some((a) => a.name === 'first') ? pageSize(field, node, variables) : undefined;
    const isList = isListType(getNullableType(field.type));
    const count = isList ? (first ?? page ?? DEFAULT_PAGE_SIZE) : 1;
    return count * (1 + selectionCost(node.selectionSet, getNamedType(field.type), isList ? undefined : first));
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root, undefined) : 0;
}

function pageSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number {
  const first = getArgumentValues(field, node, variables).first;
  return typeof first === 'number' && Number.isFinite(first) ? Math.max(0, Math.floor(first)) : DEFAULT_PAGE_SIZE;
}
