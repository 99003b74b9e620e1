import { ClassType, Directive, Field, ID, ObjectType } from 'type-graphql';

export interface EntityRef {
  id: string;
}

/**
 * The stub of an entity another subgraph owns (`Person`, `Organization`): the key and nothing
 * else; this subgraph contributes fields to it through `@Resolver(() => Stub)` classes. Each
 * subgraph must make its own class: type-graphql merges field resolvers into the class's
 * metadata globally, so one shared class would carry every subgraph's fields (and their types)
 * into every schema.
 */
export function entityReference(typeName: string): ClassType<EntityRef> & { of(id: string): EntityRef } {
  @ObjectType(typeName, { simpleResolvers: true })
  @Directive('@key(fields: "id")')
  class Reference implements EntityRef {
    @Field(() => ID)
    id!: string;

    static of(id: string): Reference {
      return Object.assign(new Reference(), { id });
    }
  }
  return Reference;
}
