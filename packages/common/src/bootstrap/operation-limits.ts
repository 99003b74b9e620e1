import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  ArgumentNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
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
  valueFromAST,
  VariableDefinitionNode,
} from 'graphql';
import { Env, envInt } from '../config';
import { DEFAULT_PAGE_SIZE } from '../graphql/relay';

/**
 * What one operation may hold, at the gateway and again in every subgraph (a caller who reaches a
 * subgraph directly meets the same walls). Anything over a limit is refused before it runs: at
 * the gateway before it is planned, so it never reaches a subgraph.
 */
export interface OperationLimits {
  /**
   * Deepest nesting of fields as users read it (see operationDepth): a fragment is not a level, its
   * fields are, and a connection's `edges { node }` (or `pageInfo { … }`) is one level, as a list is.
   */
  readonly maxDepth: number;
  /** Highest `first`-weighted cost (see operationCost). */
  readonly maxCost: number;
  /** Most aliases in one operation (`__typename` aliases are free). */
  readonly maxAliases: number;
  /** Most directives (`@include`, `@skip`, …) in one operation. */
  readonly maxDirectives: number;
  /** Most lexical tokens in the document; the parser stops at the first one over. */
  readonly maxTokens: number;
  /**
   * Largest query document (the `query` text), in UTF-8 bytes, checked before it is parsed: comments
   * and string literals are not tokens, so maxTokens alone let megabytes of them through. Large
   * values (an import's rows) travel as variables, which only the body limit bounds.
   */
  readonly maxDocumentBytes: number;
}

/**
 * The defaults, sized on the largest legitimate operations: the 1,000-row export (persons(first:
 * 1000) with memberships, participations(first: 5) and the latest evaluation: depth 6, cost
 * 61,002, 112 tokens, 749 bytes), the district query of test/federation.test.ts, which adds
 * evaluations with their scores (depth 6; cost 250,001 at first: 500 and 500,001 at first: 1000,
 * because lists without pages count 20 each), and an analyst's persons › memberships ›
 * organization › activities › participations › person { name } (depth 10).
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  // The analyst's question above fits exactly, four levels above the export. A person › memberships ›
  // organization › members › edges › node › person turn takes 5 levels, so at most one fits after a
  // page of persons; the cost, not the depth, bounds the work.
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
  // 87 times the export's 749 bytes; 1,000 tokens of long names fit. Bounds what is parsed and kept
  // in the document caches per distinct operation.
  maxDocumentBytes: 64 * 1024,
};

/**
 * The limits from `GATEWAY_MAX_*` variables over the defaults; a bad value throws ConfigError. The
 * gateway and the subgraphs read the same variables, so that one setting is the platform's: set
 * them for every service alike (a subgraph with tighter limits than the gateway would refuse what
 * the gateway let through).
 */
export function operationLimitsFromEnv(env: Env): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    maxDepth: envInt(env, 'GATEWAY_MAX_DEPTH', d.maxDepth, 1, 1000),
    maxCost: envInt(env, 'GATEWAY_MAX_COST', d.maxCost, 1),
    maxAliases: envInt(env, 'GATEWAY_MAX_ALIASES', d.maxAliases, 0, 100_000),
    maxDirectives: envInt(env, 'GATEWAY_MAX_DIRECTIVES', d.maxDirectives, 0, 100_000),
    maxTokens: envInt(env, 'GATEWAY_MAX_TOKENS', d.maxTokens, 1, 10_000_000),
    maxDocumentBytes: envInt(env, 'GATEWAY_MAX_DOCUMENT_BYTES', d.maxDocumentBytes, 256, 1024 ** 3),
  };
}

/**
 * The limits a subgraph applies to the platform's `limits`. Depth, aliases, directives and cost
 * are the same numbers. The tokens and bytes of a document are twice the gateway's: the query the
 * gateway sends a subgraph is its own spelling of part of the client's operation, with `__typename
 * id` at each entity boundary (where the client may have written one field: a 1,000-token query
 * reading `isRepresentative` of each person reaches the persons subgraph as 1,001 tokens), the
 * `_entities` wrapper and the definitions of the variables the part uses. Twice bounds a direct
 * caller's parsing as well and leaves that spelling room.
 */
export function subgraphOperationLimits(limits: OperationLimits): OperationLimits {
  return { ...limits, maxTokens: limits.maxTokens * 2, maxDocumentBytes: limits.maxDocumentBytes * 2 };
}

/** What ApolloServer (plugins, validationRules, parseOptions, batching) and the HTTP app (maxDocumentBytes) need. */
export interface OperationProtection {
  readonly plugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
  readonly allowBatchedHttpRequests: false;
  readonly maxDocumentBytes: number;
}

/**
 * The protection of the gateway and of every subgraph. The depth (depthLimitRule, below) and
 * GraphQL Armor's aliases and directives limits are validation rules (GRAPHQL_VALIDATION_FAILED,
 * e.g. "Query depth limit of 10 exceeded, found 11."); field, argument and enum value suggestions
 * ("Did you mean …"), which would spell out the schema with introspection off, are hidden.
 * graphql-js's parser limits tokens (GRAPHQL_PARSE_FAILED, "Document contains more that 1000
 * tokens"), the `first`-weighted cost is weighed below, and an operation that cannot be resolved
 * (an unknown `operationName`) is a 400. The HTTP app checks the document's size before parsing
 * (`createHttpApp`'s `document`).
 *
 * Depth counts fields as users read them (operationDepth): not fragments, since a fragment adds
 * no work and the query the gateway sends a subgraph wraps each part of an operation in
 * `_entities { ... on Person { … } }`, so a subgraph never counts more levels than the client's
 * operation had; and not a connection's `edges` or `pageInfo`, so that a page of persons is one
 * level as a list of memberships is. The cost, not the depth, is what bounds the work.
 *
 * Armor's token limit is off: under Apollo Server it throws from parsingDidStart, which answers
 * 500 instead of 400. Armor's cost limit is off too: it weights lists only by a literal `first`,
 * so `persons(first: $n)` would cost as if n were 1.
 */
export function operationProtection(limits: OperationLimits): OperationProtection {
  const armor = new ApolloArmor({
    // Counted by depthLimitRule instead: Armor's max depth counts a connection's edges and node as two levels.
    maxDepth: { enabled: false },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportRejection] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportRejection] },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Hidden below instead (hideSuggestions): Armor's plugin writes every error's message, which
    // throws on an error whose message is read-only (graphql-jit's were) and so answers 500.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: [...armor.plugins, hideSuggestions, operationResolution, costLimitPlugin(limits.maxCost)],
    validationRules: [depthLimitRule(limits.maxDepth), ...armor.validationRules],
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    maxDocumentBytes: limits.maxDocumentBytes,
  };
}

/**
 * Refuses an operation deeper than `maxDepth` (see operationDepth), with the message GraphQL Armor
 * gave: "Query depth limit of 10 exceeded, found 11.". Every operation of the document is weighed,
 * as every one is validated. A validation rule of graphql-js's public API: Armor's max depth has
 * no option for a level that is not a field of its own.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const depth = operationDepth(context.getSchema(), context.getDocument(), operation);
      if (depth > maxDepth) context.reportError(new GraphQLError(`Query depth limit of ${maxDepth} exceeded, found ${depth}.`, { nodes: [operation] }));
    },
  });
}

/** Introspection reads the schema, not the data (and production turns it off): its depth is not counted, as Armor did not count `__schema`. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Whether the field `name` of `parent` is a Relay connection's `edges` or `pageInfo`, which add no
 * level: a connection is an object type with `pageInfo` and an `edges` list of objects holding `node`.
 */
function isPagingField(parent: GraphQLNamedType | undefined, name: string): boolean {
  if (name !== 'edges' && name !== 'pageInfo') return false;
  if (!parent || !isObjectType(parent)) return false;
  const fields = parent.getFields();
  const edges = fields.edges;
  if (!edges || !fields.pageInfo || !isListType(getNullableType(edges.type))) return false;
  const edge = getNamedType(edges.type);
  return isObjectType(edge) && edge.getFields().node !== undefined;
}

/**
 * The depth of an operation as its users read it: the most fields nested one in another, where
 *
 * - a fragment (inline or spread) is not a level; its fields are;
 * - a connection's `edges` and `pageInfo` are not levels: `activities(first: 5) { edges { node {
 *   title } } }` is two levels deep, `activities { title }` would be, and `activities { pageInfo {
 *   endCursor } totalCount }` is two as well;
 * - introspection (`__schema`, `__type`) counts nothing.
 *
 *     person(id: $id) { memberships { organization { activities(first: 5) { edges { node {
 *       participations(first: 5) { edges { node { person { name } } } } } } } } } }
 *
 * is 9 levels deep (person, memberships, organization, activities, node, participations, node,
 * person, name), where a count of every field found 11. A field unknown to the schema counts as a
 * level (validation refuses it anyway). A spread fragment is weighed once; one that spreads itself
 * (refused by validation's NoFragmentCycles) adds nothing the second time.
 */
export function operationDepth(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentDepths = new Map<string, number>();
  const weighing = new Set<string>();

  const depthOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (INTROSPECTION_ROOTS.has(name)) continue;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        const below = selection.selectionSet ? depthOf(selection.selectionSet, field ? getNamedType(field.type) : undefined) : 0;
        deepest = Math.max(deepest, (isPagingField(parent, name) ? 0 : 1) + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        deepest = Math.max(deepest, depthOf(selection.selectionSet, type));
      } else {
        const name = selection.name.value;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          const fragment = fragments.get(name);
          if (!fragment || weighing.has(name)) continue;
          weighing.add(name);
          depth = depthOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
          weighing.delete(name);
          fragmentDepths.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };

  return depthOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

/** Armor prefixes its messages with "Syntax Error: ", which they are not; Apollo Server adds the code. */
const reportRejection = (context: ValidationContext | null, error: GraphQLError): void => {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
};

/**
 * graphql-js suggests names in validation and variable errors (`Did you mean "name"?`, `Did you
 * mean the enum value "X"?`), which would spell out the schema with introspection off: masked as
 * GraphQL Armor masks them. Only a writable message that holds a suggestion is rewritten (resolvers'
 * errors hold none).
 */
const SUGGESTION = /Did you mean (the enum value )?".+"/g;
const hideSuggestions: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          const hidden = error.message.replace(SUGGESTION, '[Suggestion hidden]');
          if (hidden !== error.message && Object.getOwnPropertyDescriptor(error, 'message')?.writable !== false) error.message = hidden;
        }
      },
    };
  },
};

/**
 * A valid document whose operation cannot be picked (an `operationName` it does not hold, or
 * several operations and no name) is a 400 naming the problem. Apollo Server leaves it to the
 * executor, and the gateway's does not expect it: it answered 500.
 */
const operationResolution: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (operation) return;
        const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
        const message = request.operationName
          ? `The document has no operation named ${JSON.stringify(request.operationName)}.`
          : `The document holds ${operations} operations: name the one to run in operationName.`;
        throw new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
      },
    };
  },
};

/**
 * Refuses an operation whose cost is over `maxCost`, after validation and before planning or
 * running. It is a plugin rather than a validation rule because validation sees no variables
 * (and Apollo Server caches its verdict per document), while the cost of `persons(first: $n)`
 * depends on `$n`. Only the variables the cost reads (`first`, `representations`) are coerced:
 * an import's rows are not walked an extra time.
 */
function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const definitions = weighedVariables(document, operation);
          const variables = definitions.length ? getVariableValues(schema, definitions, request.variables ?? {}) : { coerced: {} };
          // Variables that do not fit their types are refused before anything is planned or run.
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

/** The arguments operationCost reads: a page's length, and the entities a subgraph is asked for. */
const WEIGHING_ARGUMENTS = new Set(['first', 'representations']);

/** The definitions of the variables that `first` or `representations` arguments take. */
function weighedVariables(document: DocumentNode, operation: OperationDefinitionNode): VariableDefinitionNode[] {
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length === 0) return [];
  const names = new Set<string>();
  const visitSet = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        for (const a of selection.arguments ?? []) if (WEIGHING_ARGUMENTS.has(a.name.value) && a.value.kind === Kind.VARIABLE) names.add(a.value.name.value);
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) visitSet(selection.selectionSet);
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION && d !== operation) continue;
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) visitSet(d.selectionSet);
  }
  return definitions.filter((d) => names.has(d.variable.name.value));
}

/**
 * The `first`-weighted cost of an operation, like GitHub's node limit: the number of objects its
 * response can hold. An object costs 1 plus its selection, a scalar or enum 0, and a list its
 * length times the cost of one element. The length of a list is the `first` argument (variables
 * resolved) of the field that pages it: the list field itself, or the connection field around an
 * `edges` list. A paged field without `first`, and a list that is not paged (`memberships`,
 * `scores`), count DEFAULT_PAGE_SIZE (20), what the subgraphs serve without `first`. Every
 * fragment counts (an upper bound: `@skip` and `@include` are ignored), but a fragment on another
 * object type than the one selected does not; introspection is free.
 *
 *     persons(first: 100) { edges { node { name participations(first: 5) { edges { node { activity { title } } } } } } }
 *
 * costs 1 (the connection) + 100 × (1 edge + 1 person + 1 connection + 5 × (1 edge + 1 participation + 1 activity))
 * = 1 + 100 × 18 = 1,801.
 *
 * In a subgraph, federation's `_entities(representations: …)` is as long as its representations:
 * each costs 1 plus the selection on its `__typename`. The gateway asks for one representation per
 * object of the client's answer that the subgraph completes, so the 1,000 persons of the export
 * asked of the organizations subgraph for their memberships cost 1,000 × (1 + 20 × 2) = 41,000.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // A fragment spread many times over (the "fragment bomb") is weighed once per type and page size.
  const fragmentCosts = new Map<string, number>();

  /** Whether a fragment on `condition` applies to objects of `parent`: not when both are distinct object types. */
  const applies = (condition: string | undefined, parent: GraphQLNamedType): boolean => {
    if (!condition || condition === parent.name) return true;
    return !(isObjectType(parent) && isObjectType(schema.getType(condition)));
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, page: number | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parent, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (!applies(condition, parent)) continue;
        const type = condition ? schema.getType(condition) : parent;
        cost += selectionCost(selection.selectionSet, type ?? parent, page);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || !applies(fragment.typeCondition.name.value, parent)) continue;
        const key = `${selection.name.value}:${parent.name}:${page ?? ''}`;
        let spread = fragmentCosts.get(key);
        if (spread === undefined) {
          spread = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, page);
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
    if (node.name.value === '_entities') return entitiesCost(node, field.args.find((a) => a.name === 'representations')?.type);
    const first = field.args.some((a) => a.name === 'first') ? pageSize(node, field.args.find((a) => a.name === 'first')!.type) : undefined;
    const isList = isListType(getNullableType(field.type));
    const count = isList ? (first ?? page ?? DEFAULT_PAGE_SIZE) : 1;
    return count * (1 + selectionCost(node.selectionSet, getNamedType(field.type), isList ? undefined : first));
  };

  const argumentValue = (node: FieldNode, name: string, type: Parameters<typeof valueFromAST>[1] | undefined): unknown => {
    const argument: ArgumentNode | undefined = node.arguments?.find((a) => a.name.value === name);
    if (!argument || !type) return undefined;
    return valueFromAST(argument.value, type, variables);
  };

  const pageSize = (node: FieldNode, type: Parameters<typeof valueFromAST>[1]): number => {
    const first = argumentValue(node, 'first', type);
    return typeof first === 'number' && Number.isFinite(first) ? Math.max(0, Math.floor(first)) : DEFAULT_PAGE_SIZE;
  };

  /** Each representation costs 1 plus the selection on its type; one of no known object type costs 1. */
  const entitiesCost = (node: FieldNode, type: Parameters<typeof valueFromAST>[1] | undefined): number => {
    const representations = argumentValue(node, 'representations', type);
    if (!Array.isArray(representations)) return DEFAULT_PAGE_SIZE;
    const byType = new Map<string, number>();
    for (const r of representations) {
      const typename = (r as { __typename?: unknown } | null)?.__typename;
      const key = typeof typename === 'string' ? typename : '';
      byType.set(key, (byType.get(key) ?? 0) + 1);
    }
    let cost = 0;
    for (const [typename, count] of byType) {
      const type = typename ? schema.getType(typename) : undefined;
      cost += count * (1 + (type && isObjectType(type) ? selectionCost(node.selectionSet!, type, undefined) : 0));
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root, undefined) : 0;
}
