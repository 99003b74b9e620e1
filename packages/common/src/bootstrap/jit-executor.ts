import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  DocumentNode,
  ExecutionResult,
  GraphQLScalarType,
  GraphQLSchema,
  Kind,
  NamedTypeNode,
  OperationDefinitionNode,
  VariableDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
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
 * Compiled operations are kept per document object, so they live as long as Apollo Server's
 * document store keeps the document (an LRU, about 30 MiB by default) and no longer.
 */
export function jitExecutorGateway(schema: GraphQLSchema): ExecutorGateway {
  // The same types (and so the same resolvers), and COERCED.
  const config = schema.toConfig();
  const jitSchema = new GraphQLSchema({ ...config, types: [...config.types, COERCED] });
  const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byOperation = compiledByDocument.get(document);
    if (!byOperation) {
      byOperation = new Map();
      compiledByDocument.set(document, byOperation);
    }
    const key = operationName ?? '';
    let compiled = byOperation.get(key);
    if (!compiled) {
      // Errors jit itself raises (a null in a non-null field) need no stack: they are the
      // client's answer, not a bug to trace. Resolvers' own errors keep theirs.
      compiled = compileQuery(jitSchema, jitDocument(document), operationName, { disablingCapturingStackErrors: true });
      byOperation.set(key, compiled);
    }
    return compiled;
  };

  return {
    async load() {
      return {
        executor: async (requestContext) => {
          // Apollo Server has resolved the operation before it calls an executor.
          const operation = requestContext.operation as OperationDefinitionNode;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], requestContext.request.variables ?? {});
          if (variables.errors) return { errors: variables.errors };
          const compiled = compiledFor(requestContext.document, requestContext.operationName ?? undefined);
          // Not compiled: the operation cannot run; its errors are the answer.
          if (!isCompiledQuery(compiled)) return compiled;
          return compiled.query(undefined, requestContext.context, variables.coerced);
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
