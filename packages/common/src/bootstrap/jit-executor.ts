import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  BREAK,
  DocumentNode,
  execute,
  ExecutionResult,
  getVariableValues,
  GraphQLScalarType,
  GraphQLSchema,
  Kind,
  NamedTypeNode,
  OperationDefinitionNode,
  ValueNode,
  VariableDefinitionNode,
  visit,
} from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';

/** What Apollo Server takes as `gateway`: a schema and the executor that runs its operations. */
export type ExecutorGateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;

type Compiled = CompiledQuery | ExecutionResult;

/**
 * The type jit sees for every variable graphql-js has already coerced: it passes the value on as
 * it is. graphql-js stays the one judge of variables: its defaults (jit 0.8.9 ignores the default
 * of a non-null input field, e.g. `ethnicity: String! = "汉族"`), its errors (with the variable's
 * node, which Apollo Server turns into BAD_USER_INPUT) and our scalars' own messages ("no time
 * zone"), which jit replaces by "Expected type DateTime.".
 */
const COERCED = new GraphQLScalarType({
  name: 'TongxinCoercedVariable',
  description: 'Internal to the executor: a variable value graphql-js has coerced already.',
  parseValue: (value: unknown) => value,
  serialize: (value: unknown) => value,
});
const COERCED_TYPE: NamedTypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: COERCED.name } };

/**
 * `@skip(if: $v)` and `@include(if: $v)` must see a Boolean variable: those keep their type
 * (jit's Boolean check of a coerced boolean changes nothing); every other variable is COERCED.
 */
function forJit(variable: VariableDefinitionNode): VariableDefinitionNode {
  const named = variable.type.kind === Kind.NON_NULL_TYPE ? variable.type.type : variable.type;
  if (named.kind === Kind.NAMED_TYPE && named.name.value === 'Boolean') return variable;
  return { ...variable, type: COERCED_TYPE, defaultValue: undefined };
}

/** The same document with its variables typed for jit (the selections are the same nodes). */
function jitDocument(document: DocumentNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? { ...d, variableDefinitions: d.variableDefinitions?.map(forJit) } : d,
    ),
  };
}

function holdsVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(holdsVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => holdsVariable(f.value));
  return false;
}

/**
 * Whether jit 0.8.9 would read the document's arguments otherwise than graphql-js, which then runs
 * it: a variable inside an object or list written in the query (`input: { id: $id, position:
 * $position }`), which jit sets to null when the client leaves the variable out where graphql-js
 * leaves the field out (an update would clear what it should keep), or a `@skip`/`@include` on a
 * nullable variable (jit takes null for false, graphql-js refuses it). Operations that pass whole
 * inputs as variables (`input: $input`, `_entities(representations: $representations)`: what
 * the gateway sends for lists) run on jit.
 */
export function needsGraphqlJs(document: DocumentNode): boolean {
  let needed = false;
  const nullable = new Set<string>();
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of d.variableDefinitions ?? []) if (v.type.kind !== Kind.NON_NULL_TYPE) nullable.add(v.variable.name.value);
  }
  visit(document, {
    Argument(node) {
      if ((node.value.kind === Kind.OBJECT || node.value.kind === Kind.LIST) && holdsVariable(node.value)) {
        needed = true;
        return BREAK;
      }
      return undefined;
    },
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
      const condition = node.arguments?.find((a) => a.name.value === 'if')?.value;
      if (condition?.kind === Kind.VARIABLE && nullable.has(condition.name.value)) {
        needed = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return needed;
}

/**
 * Compiled operations kept at most: each costs some 50 KB of generated code, and clients can send
 * as many different operations as they like (aliases reach the subgraphs). The gateway's plans for
 * the platform's own screens are a few hundred.
 */
export const MAX_COMPILED_OPERATIONS = 500;

/**
 * A subgraph's operations run by graphql-jit instead of graphql-js's `execute`, through the one
 * door Apollo Server 5 leaves for another executor: its gateway interface. Apollo Server still
 * parses (its document store keeps each document once), validates against this schema, runs
 * the plugins and formats the errors; graphql-js still coerces the variables (see COERCED);
 * only execution changes.
 *
 * graphql-jit compiles an operation once into a function that resolves it, so a list of 3,000
 * memberships no longer pays graphql-js's per-field work (an argument object, a path and a
 * completion dispatch for every field of every row): the subgraphs' per-row cost on the export
 * and the person list (bench/README.md). The resolvers, their arguments, `info` and the errors
 * they throw are the same; the whole test suite runs on this executor.
 *
 * Compiled operations are kept per document object (Apollo Server's document store hands the same
 * object for the same text), the MAX_COMPILED_OPERATIONS used last. An operation jit would read
 * otherwise than graphql-js (needsGraphqlJs) runs on graphql-js's `execute`, as without jit.
 */
export function jitExecutorGateway(schema: GraphQLSchema): ExecutorGateway {
  // The same types (and so the same resolvers), and COERCED.
  const config = schema.toConfig();
  const jitSchema = new GraphQLSchema({ ...config, types: [...config.types, COERCED] });
  /** By document and operation name; null: graphql-js runs it (needsGraphqlJs). In use order, oldest first. */
  const compiled = new Map<DocumentNode, Map<string, Compiled | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled | null => {
    let byOperation = compiled.get(document);
    if (byOperation) {
      compiled.delete(document);
    } else {
      byOperation = new Map();
      if (compiled.size >= MAX_COMPILED_OPERATIONS) compiled.delete(compiled.keys().next().value!);
    }
    compiled.set(document, byOperation);
    const key = operationName ?? '';
    let found = byOperation.get(key);
    if (found === undefined) {
      // Errors jit itself raises (a null in a non-null field) need no stack: they are the
      // client's answer, not a bug to trace. Resolvers' own errors keep theirs.
      found = needsGraphqlJs(document) ? null : compileQuery(jitSchema, jitDocument(document), operationName, { disablingCapturingStackErrors: true });
      byOperation.set(key, found);
    }
    return found;
  };

  return {
    async load() {
      return {
        executor: async (requestContext) => {
          const { document, context } = requestContext;
          const operationName = requestContext.operationName ?? undefined;
          const query = compiledFor(document, operationName);
          if (query === null) {
            return execute({ schema, document, contextValue: context, variableValues: requestContext.request.variables, operationName });
          }
          // Apollo Server has resolved the operation before it calls an executor.
          const operation = requestContext.operation as OperationDefinitionNode;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], requestContext.request.variables ?? {});
          if (variables.errors) return { errors: variables.errors };
          // Not compiled: the operation cannot run; its errors are the answer.
          if (!isCompiledQuery(query)) return query;
          return query.query(undefined, context, variables.coerced);
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
