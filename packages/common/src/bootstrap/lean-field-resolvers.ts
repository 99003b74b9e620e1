import { GraphQLEnumType, GraphQLFieldResolver, GraphQLScalarType } from 'graphql';
import { ContainerType, getMetadataStorage } from 'type-graphql';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassLike = Function;
type Storage = ReturnType<typeof getMetadataStorage>;
type FieldResolverMetadata = Storage['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];
type ParamValue = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/** A class whose constructor sets no property: `Object.assign(new C(), data)` is then all type-graphql's conversion does. */
function bare(target: unknown): target is new () => object {
  return typeof target === 'function' && Object.keys(new (target as new () => object)()).length === 0;
}

/** Values type-graphql passes on as they are (scalars and enums). */
function isPlainValueType(type: unknown): boolean {
  if (Array.isArray(type)) return type.length === 1 && isPlainValueType(type[0]);
  if (type === String || type === Number || type === Boolean || type instanceof GraphQLScalarType || type instanceof GraphQLEnumType) return true;
  // A TypeScript enum registered with registerEnumType.
  return typeof type === 'object' && type !== null && Object.values(type).every((v) => typeof v === 'string' || typeof v === 'number');
}

/**
 * What type-graphql's `convertToType` makes of a root value for a class without initializers:
 * the value itself when it is an instance already (or no object), else an instance with its
 * properties.
 */
function toInstance(Target: new () => object, value: unknown): unknown {
  if (value == null || typeof value !== 'object' || value instanceof Target) return value;
  if (Array.isArray(value)) return value.map((item) => toInstance(Target, item));
  return Object.assign(new Target(), value);
}

/** The options of type-graphql's buildSchema that apply to every field. */
export interface LeanBuildOptions {
  readonly validate?: boolean;
  readonly authChecker?: unknown;
  readonly globalMiddlewares?: readonly unknown[];
}

/** How one parameter's value is read, as type-graphql's `getParams` reads it; null when it reads it otherwise. */
function paramValue(storage: Storage, param: ParamMetadata): ParamValue | null {
  switch (param.kind) {
    case 'root': {
      const { propertyName, getType } = param;
      const read: ParamValue = propertyName ? (root) => (root as Record<string, unknown>)[propertyName] : (root) => root;
      if (!getType) return read;
      const type = getType();
      if (type instanceof GraphQLScalarType || [String, Number, Boolean, Date].includes(type as never)) return read;
      if (!bare(type)) return null;
      return (root, args, context, info) => toInstance(type, read(root, args, context, info));
    }
    case 'context': {
      const { propertyName } = param;
      return propertyName ? (_root, _args, context) => (context as Record<string, unknown>)[propertyName] : (_root, _args, context) => context;
    }
    case 'info':
      return (_root, _args, _context, info) => info;
    case 'arg': {
      // undefined: the build's `validate`, which is false (leanFieldResolvers checks).
      if (param.validateSettings !== undefined && param.validateSettings !== false) return null;
      if (param.validateFn || !isPlainValueType(param.getType())) return null;
      const { name } = param;
      return (_root, args) => args[name];
    }
    case 'args': {
      if (param.validateSettings !== undefined && param.validateSettings !== false) return null;
      const type = param.getType();
      if (param.validateFn || !bare(type)) return null;
      // Only an args class of plain values, declared on itself (no inheritance to follow).
      const fields = storage.fields.filter((f) => f.target === type);
      if (Object.getPrototypeOf(type) !== Function.prototype || fields.length === 0 || !fields.every((f) => isPlainValueType(f.getType()))) return null;
      // Its fields the client gave, as type-graphql's convertArgsToInstance copies them.
      const names = fields.map((f) => f.name);
      return (_root, args) => {
        const instance = new type() as Record<string, unknown>;
        for (const name of names) {
          const value = args[name];
          if (value !== undefined) instance[name] = value;
        }
        return instance;
      };
    }
    default:
      return null;
  }
}

/**
 * Field resolvers of `@Resolver` classes called without type-graphql's per-call machinery.
 *
 * type-graphql wraps every `@FieldResolver` method in a handler that, on each call, asks the
 * container for the instance, sorts the method's parameter metadata (an allocation), reads every
 * parameter and passes the lot through its middleware chain. A field resolved for every row of a
 * long list pays it each time: `Membership.organization` 3,000 times and `Person.memberships`
 * 1,000 times in one export, where sorting alone was an eighth of the organizations subgraph's
 * allocations (bench/README.md). Where nothing of that machinery applies (no middleware, no
 * roles, no validation, parameters that are the root, the context, `info` or arguments of plain
 * values, or an args class of them), the field resolves by calling the method with the same
 * parameter values, read once per call in their order. Others keep type-graphql's handler.
 *
 * Returns the resolvers to put in place, by type and field name.
 */
export function leanFieldResolvers(
  resolverClasses: readonly ClassLike[],
  container: ContainerType,
  build: LeanBuildOptions,
): Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>> {
  const storage = getMetadataStorage();
  const result: Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>> = {};
  // What applies to every field: then no field may skip type-graphql's handler.
  if (build.validate !== false || build.authChecker !== undefined || (build.globalMiddlewares?.length ?? 0) > 0) return result;
  const mine = new Set(resolverClasses);
  for (const fieldResolver of storage.fieldResolvers) {
    if (fieldResolver.kind !== 'external' || !mine.has(fieldResolver.target)) continue;
    // @Authorized() without roles is checked too.
    if ((fieldResolver.middlewares?.length ?? 0) > 0 || fieldResolver.roles !== undefined) continue;
    const objectClass = fieldResolver.getObjectType?.() ?? fieldResolver.resolverClassMetadata?.getObjectType();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    if (!typeName) continue;
    const params = [...(fieldResolver.params ?? [])].sort((a, b) => a.index - b.index);
    const values = params.map((p) => paramValue(storage, p));
    if (values.some((v) => v === null)) continue;
    const readers = values as ParamValue[];
    const instance = container.get(fieldResolver.target, undefined as never) as Record<string, (...args: unknown[]) => unknown>;
    if (!instance || typeof (instance as { then?: unknown }).then === 'function') continue;
    const method = instance[fieldResolver.methodName];
    if (typeof method !== 'function') continue;
    const count = readers.length;
    (result[typeName] ??= {})[fieldResolver.schemaName] = (root, args, context, info) => {
      const call: unknown[] = new Array(count);
      for (let i = 0; i < count; i++) call[i] = readers[i]!(root, args as Record<string, unknown>, context, info);
      return method.apply(instance, call);
    };
  }
  return result;
}
